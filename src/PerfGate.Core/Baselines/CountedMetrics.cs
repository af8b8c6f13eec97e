using PerfGate.Core.Measurements;

namespace PerfGate.Core.Baselines;

/// <summary>Counted figures per image: exact, deterministic, compared to the unit.</summary>
public sealed record CountedMetrics(long Params, long Flops, long OtherFlops, IReadOnlyDictionary<string, LayerMetrics> Layers)
{
    public static CountedMetrics From(MeasurementResult result) => new(
        result.Params,
        result.Flops,
        result.OtherFlops,
        result.Layers.ToDictionary(l => l.Name, l => new LayerMetrics(l.Params, l.Flops, l.OtherFlops)));
}

/// <summary>One layer's counted figures; null FLOPs mark a layer the counter does not know.</summary>
public sealed record LayerMetrics(long Params, long? Flops, long? OtherFlops);
