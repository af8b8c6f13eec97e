using PerfGate.Core.Gate;
using PerfGate.Orchestration.Against;

namespace PerfGate.Orchestration;

/// <summary>
/// One check, whichever host asks (the build gate's measuring host, the command line, the installed tool): with a ref, this
/// build against base in one A/B run; else the stored gate (<paramref name="stored"/>: recorded results, or the models
/// measured in the host's runner), whose suspected changes are then measured side by side against the commit each baseline
/// was approved at (<see cref="ApprovedConfirmation"/>). A recorded results file is never measured again: its suspicions
/// are bounded by the baseline's drift.
/// </summary>
public static class GateSession
{
    /// <param name="sides">The project's sides for a confirmation, asked for only when a change is suspected; null: none.</param>
    public static IReadOnlyList<ModelOutcome> Check(
        CheckRequest check,
        AgainstRequest? against,
        Func<SideBySide?> sides,
        Func<CheckRequest, IReadOnlyList<ModelOutcome>> stored,
        Action<string>? progress = null
    )
    {
        if (against is not null)
            return AgainstGate.Check(check, against, progress);
        var outcomes = stored(check);
        return ApprovedConfirmation.Apply(outcomes, check, check.ResultsFile is null ? sides : () => null, progress);
    }
}
