namespace PerfGate.Core.Flops;

/// <summary>
/// One leaf layer as it executed: its shapes, parameters and cost. A layer of a type the counter does not know
/// has <see cref="Macs"/>, <see cref="Flops"/> and <see cref="OtherFlops"/> null and <see cref="Unknown"/> set:
/// it is never counted as zero.
/// </summary>
public sealed record LayerCount(
    string Name,
    string Kind,
    long[] InputShape,
    long[] OutputShape,
    long Params,
    long? Macs,
    long? Flops,
    long? OtherFlops
)
{
    public bool Unknown => Flops is null;

    /// <summary>Bytes of the layer's input tensor as it ran (its shape times its dtype's size); null when not recorded (a layer that
    /// could not be hooked, a result from an older PerfGate).</summary>
    public long? InputBytes { get; init; }

    /// <summary>Bytes of the layer's output activation as it ran.</summary>
    public long? OutputBytes { get; init; }

    /// <summary>Bytes of the layer's own parameters (each tensor's elements times its dtype's size), counted once per layer.</summary>
    public long? ParamBytes { get; init; }

    public static LayerCount Counted(string name, string kind, long[] input, long[] output, long parameters, LayerCost cost) =>
        new(name, kind, input, output, parameters, cost.Macs, cost.Flops, cost.OtherFlops);

    public static LayerCount Uncounted(string name, string kind, long[] input, long[] output, long parameters) =>
        new(name, kind, input, output, parameters, null, null, null);
}
