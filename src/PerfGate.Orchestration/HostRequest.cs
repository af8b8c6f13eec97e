using PerfGate.Core.Gate;

namespace PerfGate.Orchestration;

/// <summary>
/// What the build gate asks the measuring host (PerfGate.Host.dll, run on the user's build output) to do: written by the
/// MSBuild task as JSON, read strictly by the host.
/// </summary>
/// <param name="Against">With -p:PerfGateAgainst: measure this build against base in one run (A/B) instead of against stored
/// throughput.</param>
/// <param name="SideBySide">This project and build, for measuring a suspected change side by side against the commit its baseline
/// was approved at; null: no project (a suspicion is then bounded by the baseline's drift).</param>
public sealed record HostRequest(
    CheckRequest Check,
    bool Strict,
    string ReportFile,
    string SummaryFile,
    string ResultsDirectory,
    string ApproveCommand,
    Orchestration.Against.AgainstRequest? Against = null,
    Orchestration.Against.SideBySide? SideBySide = null
);
