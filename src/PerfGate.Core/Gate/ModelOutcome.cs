using PerfGate.Core.Baselines;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Gate;

/// <summary>
/// One model through the gate: the final measurement (with re-measured batches merged in), the verdict judged on exactly
/// those figures, and the approved baselines it was judged against. Every output (results file, report, received file,
/// JSON report) is written from this one value, so they all show the same numbers.
/// </summary>
public sealed record ModelOutcome(MeasurementResult Measurement, ModelVerdict Verdict, ApprovedBaselines Approved)
{
    /// <summary>With --against: head measured against base on this machine, per batch size; null for a stored-baseline check.</summary>
    public AgainstBase? Against { get; init; }
}
