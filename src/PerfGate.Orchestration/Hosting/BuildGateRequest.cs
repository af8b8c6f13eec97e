using PerfGate.Core.Gate;
using PerfGate.Orchestration.Against;

namespace PerfGate.Orchestration.Hosting;

/// <summary>
/// What the build gate asks the measuring host (PerfGate.Host.dll, run on the user's build output) to do, sent by the MSBuild
/// task as the "check" command of <see cref="HostProtocol"/>.
/// </summary>
/// <param name="Against">With -p:PerfGateAgainst: measure this build against base in one run (A/B) instead of against stored
/// throughput.</param>
/// <param name="SideBySide">This project and build, for measuring a suspected change side by side against the commit its baseline
/// was approved at; null: no project (a suspicion is then bounded by the baseline's drift).</param>
internal sealed record BuildGateRequest(
    CheckRequest Check,
    bool Strict,
    string ReportFile,
    string SummaryFile,
    string ResultsDirectory,
    string ApproveCommand,
    AgainstRequest? Against = null,
    SideBySide? SideBySide = null
);

/// <summary>The build gate's answer: the report (also written to the request's file), the table to show, the exit code it means.</summary>
internal sealed record BuildGateAnswer(CheckVerdicts Verdicts, string Table, int ExitCode);
