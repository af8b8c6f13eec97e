using PerfGate.Core;
using PerfGate.Core.Against;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Running;
using PerfGate.Core.Serialization;
using PerfGate.Core.Text;
using PerfGate.Orchestration;
using PerfGate.Orchestration.Against;
using PerfGate.Torch.Gate;
using PerfGate.Torch.Measurement;

namespace PerfGate.Host;

/// <summary>
/// `PerfGate.Host.dll check --request FILE` (or `serve`, one side of an A/B run; or `run`, a call of the perfgate tool; the build
/// gate approves in MSBuild, without a process): parse the request the build gate wrote → one call →
/// write the JSON report, the Markdown summary and the results. Errors go to stderr in MSBuild's canonical form with their
/// PG code and exit code, as from the perfgate command line.
/// </summary>
public static class MeasuringHost
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            // serve: one side of an A/B measurement, driven over stdin/stdout by the controller (never by hand).
            if (args is ["serve"])
                return ServeLoop.Run(Console.In, stdout, settings => TorchSide.Start(settings, TorchRunner.Version));
            // run: one call of the installed perfgate tool, which builds the user's project and runs no TorchSharp itself.
            if (args is ["run", "--request", var call, "--answer", var answer])
                return Answer(call, answer, stderr);
            if (args is not ["check", "--request", var file])
                throw new PerfGateException(
                    ErrorCodes.BadOption,
                    "usage: PerfGate.Host.dll check --request FILE (the build gate writes the request), serve (for --against), "
                        + "or run --request FILE --answer FILE (for the perfgate tool)."
                );
            return Check(JsonFile.Read<HostRequest>(file, "gate request", ErrorCodes.BadOption), stdout, stderr);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var error = PerfGateException.Classify(e);
            stderr.WriteLine(error.CanonicalLine());
            return error.ExitCode;
        }
    }

    private static int Answer(string callFile, string answerFile, TextWriter stderr)
    {
        var call = JsonFile.Read<RunnerCall>(callFile, "runner call", ErrorCodes.BadOption);
        var answer = call.AnswerWith(new TorchRunner(), line => stderr.WriteLine(line));
        AtomicFile.Write(answerFile, PerfGateJson.Serialize(answer));
        return 0;
    }

    private static int Check(HostRequest request, TextWriter stdout, TextWriter stderr)
    {
        ResultFiles.Prepare(request.ResultsDirectory);
        var outcomes = GateSession.Check(
            request.Check,
            request.Against,
            () => request.SideBySide,
            check => new TorchRunner().Check(check, line => stderr.WriteLine(line)),
            line => stderr.WriteLine(line)
        );
        var report = CheckReport.Of(outcomes.Select(o => o.Verdict).ToArray(), request.ApproveCommand);
        stdout.Write(MeasureBudget.InBuildGate(CheckText.Render(report))); // only the build gate sends `check`: its budget knob
        GateFiles.Write(outcomes, report, request.ResultsDirectory, request.SummaryFile, request.ReportFile);
        return report.ExitCode(request.Strict);
    }
}
