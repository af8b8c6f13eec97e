using PerfGate.Core.Baselines;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Gate;

/// <summary>
/// One model through the gate: the final measurement (with re-measured batches merged in), the verdict judged on exactly
/// those figures, and the approved baselines it was judged against. Every output (results file, report, received file,
/// JSON report) is written from this one value, so they all show the same numbers. A model that failed while the others were
/// gated has no measurement (<see cref="Failed"/>): its verdict is FAIL with the model's own error (PG0004) as its finding.
/// </summary>
internal sealed record ModelOutcome(MeasurementResult? Measurement, ModelVerdict Verdict, ApprovedBaselines Approved)
{
    /// <summary>The outcome of a model that threw (<paramref name="error"/>, PG0004) while other selected models were gated.</summary>
    public static ModelOutcome Failed(BaselinePaths paths, string model, string deviceClass, PerfGateException error) =>
        new(
            null,
            new ModelVerdict(
                model,
                deviceClass,
                Gate.Verdict.Fail,
                [new Finding(FindingCodes.ModelFailed, Gate.Verdict.Fail, model, "model", null, null, null, null, null, error.Message)],
                paths.CountsVerified(model)
            ),
            new ApprovedBaselines(paths.CountsVerified(model), null, paths.Verified(model, deviceClass), null)
        );

    /// <summary>With --against: head measured against base on this machine, per batch size; null for a stored-baseline check.</summary>
    public AgainstBase? Against { get; init; }
}
