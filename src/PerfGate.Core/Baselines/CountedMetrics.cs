using PerfGate.Core.Measurements;

namespace PerfGate.Core.Baselines;

/// <summary>Counted figures per image: exact, deterministic, the same on every machine, compared to the unit.</summary>
/// <param name="ParamBytes">Bytes of all parameters (Flops.MemoryCount); null in a baseline approved before memory was
/// counted: then not compared until re-approved.</param>
/// <param name="PeakActivationBytes">Per image, the peak of activations alive at once by MemoryCount's rule; null likewise.</param>
/// <param name="Input">The input the model was counted on (shape at batch 1, element type); null likewise.</param>
internal sealed record CountedMetrics(
    long Params,
    long Flops,
    long OtherFlops,
    IReadOnlyDictionary<string, LayerMetrics> Layers,
    long? ParamBytes = null,
    long? PeakActivationBytes = null,
    Flops.ModelInput? Input = null
)
{
    public static CountedMetrics From(MeasurementResult result)
    {
        var memory = Core.Flops.MemoryCount.Of(result.Layers);
        return new(
            result.Params,
            result.Flops,
            result.OtherFlops,
            result.Layers.ToDictionary(
                l => l.Name,
                l => new LayerMetrics(
                    l.Kind,
                    l.InputShape,
                    l.OutputShape,
                    l.Params,
                    l.Macs,
                    l.Flops,
                    l.OtherFlops,
                    l.OutputBytes,
                    l.ParamBytes
                )
            ),
            memory.ParamBytes,
            memory.PeakActivationBytes,
            result.Input
        );
    }
}

/// <summary>
/// One layer as it ran at batch 1: kind, shapes and counted figures; null FLOPs mark a layer the counter does not know. A
/// baseline migrated from the first layout has no kind, shapes or MACs (null), one approved before memory was counted no
/// output or parameter bytes: those are then not compared until re-approved.
/// </summary>
internal sealed record LayerMetrics(
    string? Kind,
    long[]? InputShape,
    long[]? OutputShape,
    long Params,
    long? Macs,
    long? Flops,
    long? OtherFlops,
    long? OutputBytes = null,
    long? ParamBytes = null
)
{
    public static string Shape(long[]? shape) => shape is null ? "?" : string.Join("x", shape);
}
