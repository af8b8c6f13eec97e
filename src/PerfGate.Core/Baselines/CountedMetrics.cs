using PerfGate.Core.Measurements;

namespace PerfGate.Core.Baselines;

/// <summary>Counted figures per image: exact, deterministic, the same on every machine, compared to the unit.</summary>
public sealed record CountedMetrics(long Params, long Flops, long OtherFlops, IReadOnlyDictionary<string, LayerMetrics> Layers)
{
    public static CountedMetrics From(MeasurementResult result) =>
        new(
            result.Params,
            result.Flops,
            result.OtherFlops,
            result.Layers.ToDictionary(
                l => l.Name,
                l => new LayerMetrics(l.Kind, l.InputShape, l.OutputShape, l.Params, l.Macs, l.Flops, l.OtherFlops)
            )
        );
}

/// <summary>
/// One layer as it ran at batch 1: kind, shapes and counted figures; null FLOPs mark a layer the counter does not know. A
/// baseline migrated from the first layout has no kind, shapes or MACs (null): those are then not compared until re-approved.
/// </summary>
public sealed record LayerMetrics(
    string? Kind,
    long[]? InputShape,
    long[]? OutputShape,
    long Params,
    long? Macs,
    long? Flops,
    long? OtherFlops
)
{
    public static string Shape(long[]? shape) => shape is null ? "?" : string.Join("x", shape);
}
