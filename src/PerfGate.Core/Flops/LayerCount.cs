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

    public static LayerCount Counted(string name, string kind, long[] input, long[] output, long parameters, LayerCost cost) =>
        new(name, kind, input, output, parameters, cost.Macs, cost.Flops, cost.OtherFlops);

    public static LayerCount Uncounted(string name, string kind, long[] input, long[] output, long parameters) =>
        new(name, kind, input, output, parameters, null, null, null);
}
