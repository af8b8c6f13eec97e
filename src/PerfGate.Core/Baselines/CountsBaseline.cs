using PerfGate.Core.Measurements;

namespace PerfGate.Core.Baselines;

/// <summary>
/// A model's approved counted metrics (params, FLOPs, other FLOPs, per layer and in total, per image): the same on every
/// machine, so approved once per model (<c>baselines/&lt;model&gt;/counts.verified.json</c>) and gated exactly everywhere,
/// also on a device class that has no throughput baseline yet.
/// </summary>
internal sealed record CountsBaseline(int SchemaVersion, string Model, CountedMetrics Counted)
{
    public const int CurrentSchemaVersion = 2;

    public static CountsBaseline From(MeasurementResult result) => new(CurrentSchemaVersion, result.Model, CountedMetrics.From(result));
}
