namespace PerfGate.Core.Gate;

/// <summary>The outcome of one metric, or of a whole check.</summary>
internal enum Verdict
{
    Pass,
    Fail,

    /// <summary>Could not decide (too few samples, spread too wide, bimodal): never silently a pass.</summary>
    Inconclusive,

    /// <summary>No approved baseline for this device: nothing to compare.</summary>
    New,
}
