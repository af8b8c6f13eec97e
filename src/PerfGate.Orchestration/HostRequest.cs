using PerfGate.Core.Gate;

namespace PerfGate.Orchestration;

/// <summary>
/// What the build gate asks the measuring host (PerfGate.Host.dll, run on the user's build output) to do: written by the
/// MSBuild task as JSON, read strictly by the host.
/// </summary>
/// <param name="Against">With -p:PerfGateAgainst: measure this build against base in one run (A/B) instead of against stored
/// throughput.</param>
public sealed record HostRequest(
    CheckRequest Check,
    bool Strict,
    string ReportFile,
    string SummaryFile,
    string ResultsDirectory,
    string ApproveCommand,
    Orchestration.Against.AgainstRequest? Against = null
);
