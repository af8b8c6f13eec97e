using PerfGate.Core.Gate;

namespace PerfGate.Core.Against;

/// <summary>
/// When an A/B run has measured enough launches. From <see cref="FirstLook"/> launches on, each launch's judgement (all batch
/// sizes pooled first, then each alone) is looked at: a clear pass (the pooled interval's lower end above −threshold, no batch
/// regressed) stops at once, so a clear pass costs half the budget; a regression or an improvement must still hold after
/// <see cref="ConfirmLaunches"/> more launches; a run undecided when the planned launches are spent measures on, up to
/// <see cref="MaxLaunches"/>. One rule per model: it remembers when a finding first crossed the threshold.
/// </summary>
internal sealed class StoppingRule
{
    /// <summary>
    /// The budget is planned as this many launches (each a fresh pair of processes measuring every batch size for
    /// --max-seconds ÷ <see cref="PlannedLaunches"/>): launches, not rounds, are the samples the verdict counts.
    /// </summary>
    public const int PlannedLaunches = 8;

    /// <summary>Launches before the first look: with fewer, a clear pass costs less but one offset weighs too much.</summary>
    public const int FirstLook = 4;

    /// <summary>More launches after a finding first crosses the threshold, which must then still cross it.</summary>
    public const int ConfirmLaunches = 2;

    /// <summary>At most twice the planned launches (twice the budget), for a run that cannot decide within it.</summary>
    public const int MaxLaunches = 2 * PlannedLaunches;

    /// <summary>The launch at which a finding crossed the threshold and has held since; null while none does.</summary>
    public int? CrossedAt { get; private set; }

    /// <summary>Whether another launch may be measured after <paramref name="launches"/>.</summary>
    public static bool MayLaunch(int launches) => launches < MaxLaunches;

    /// <summary>Whether the run is judged after <paramref name="launches"/>.</summary>
    public static bool Looks(int launches) => launches >= FirstLook;

    /// <summary>Whether to stop after <paramref name="launches"/> launches judged as <paramref name="judged"/> (pooled first).</summary>
    public bool Stops(int launches, IReadOnlyList<Finding> judged)
    {
        var pooled = judged[0];
        var crossed =
            pooled.Code is FindingCodes.ThroughputRegressed or FindingCodes.ThroughputImproved
            || judged.Skip(1).Any(f => f.Code == FindingCodes.ThroughputRegressed);
        if (!crossed && pooled.Code == FindingCodes.ThroughputUnchanged)
            return true; // a clear pass
        CrossedAt = crossed ? CrossedAt ?? launches : null;
        return CrossedAt is { } at && launches >= at + ConfirmLaunches; // crossed, and still so after more launches
    }

    /// <summary>Whether the planned launches are spent with nothing crossed (the run then measures on).</summary>
    public bool Overruns(int launches) => launches == PlannedLaunches && CrossedAt is null;

    /// <summary>The pooled finding, saying how long it held when it was confirmed.</summary>
    public Finding Confirmed(Finding pooled, int launches) =>
        CrossedAt is { } since && pooled.Code is FindingCodes.ThroughputRegressed or FindingCodes.ThroughputImproved
            ? pooled with
            {
                Message = pooled.Message + $" Confirmed: it held from launch {since} through launch {launches}.",
            }
            : pooled;
}
