using PerfGate.Core;
using PerfGate.Core.Measurements;
using PerfGate.Core.Text;
using PerfGate.Orchestration;
using PerfGate.Orchestration.Building;
using PerfGate.Orchestration.Hosting;
using PerfGate.Torch.Gate;
using PerfGate.Torch.Measuring;

namespace PerfGate.Host;

/// <summary>
/// `PerfGate.Host.dll serve`, started on a build output by PerfGate's one client (<see cref="HostProcess"/>): the build gate's
/// check, a call of the installed tool, or one side of an A/B run, each a command of <see cref="HostProtocol"/> answered on
/// this build's TorchSharp. Progress goes to stderr; errors are answered with their PG code and exit code.
/// </summary>
internal static class MeasuringHost
{
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        if (args is not ["serve"])
        {
            var error = new PerfGateException(
                ErrorCodes.BadOption,
                "usage: PerfGate.Host.dll serve (PerfGate starts it on a build output and speaks its protocol on stdin and stdout)."
            );
            stderr.WriteLine(error.CanonicalLine());
            return error.ExitCode;
        }
        return HostLoop.Run(
            stdin,
            stdout,
            stderr,
            new HostHandlers(
                settings => TorchSide.Start(settings, TorchRunner.Version),
                (call, progress) => RunnerCalls.Answer(call, new TorchRunner(MeasuredCommit.Current()), progress),
                Check
            )
        );
    }

    /// <summary>The build gate's check: one gate session, its table for MSBuild to show, its files written.</summary>
    private static BuildGateAnswer Check(BuildGateRequest request, Action<string> progress)
    {
        ResultFiles.Prepare(request.ResultsDirectory);
        var runner = new TorchRunner(MeasuredCommit.Current());
        var session = GateSession
            .Check(
                request.Check,
                request.Against,
                () => request.SideBySide,
                check => runner.Check(check, progress),
                _ => request.ApproveCommand,
                TorchRunner.Version,
                progress
            )
            .InBuildGate(); // only the build gate sends `check`: its budget knob, in the table and in every file
        var table = CheckText.Render(session.Verdicts);
        session.Write(request.ResultsDirectory, request.SummaryFile, request.ReportFile);
        return new BuildGateAnswer(session.Verdicts, table, session.Verdicts.ExitCode(request.Strict));
    }
}
