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
/// `PerfGate.Host.dll check --request FILE` or `approve --request FILE` (or `serve`, one side of an A/B run; or `run`, a call of the
/// perfgate tool): parse the request the build gate wrote → one call →
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
            if (args is not [("check" or "approve") and var verb, "--request", var file])
                throw new PerfGateException(
                    "PG0005",
                    "usage: PerfGate.Host.dll (check | approve) --request FILE (the build gate writes the request), serve (for --against), "
                        + "or run --request FILE --answer FILE (for the perfgate tool)."
                );
            var request = JsonFile.Read<HostRequest>(file, "gate request", "PG0005");
            return verb == "check" ? Check(request, stdout, stderr) : Approve(request, stdout);
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
        var call = JsonFile.Read<RunnerCall>(callFile, "runner call", "PG0005");
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

    private static int Approve(HostRequest request, TextWriter stdout)
    {
        var paths = new BaselinePaths(request.Check.Baselines);
        var approved = BaselineApprover.ApproveAll(
            paths,
            [null],
            force: false,
            Environment.GetEnvironmentVariable("CI"),
            "Run the gate first (dotnet test -c Release, or dotnet build -c Release -t:PerfGate): it writes them."
        );
        foreach (var line in BaselineApprover.Lines(approved))
            stdout.WriteLine(line);
        return 0;
    }
}
