namespace PerfGate.Core.Flops;

/// <summary>
/// What one execution of a layer costs. <see cref="Flops"/> is 2 × <see cref="Macs"/> for convolutions and
/// matrix products (PyTorch's torch.utils.flop_counter convention, bias excluded); <see cref="OtherFlops"/> is all
/// other arithmetic (bias adds, activations, pooling comparisons, softmax), as the README defines it.
/// </summary>
public sealed record LayerCost(long Macs, long Flops, long OtherFlops)
{
    public static readonly LayerCost Zero = new(0, 0, 0);

    public static LayerCost FromMacs(long macs, long otherFlops) => new(macs, checked(2 * macs), otherFlops);

    public static LayerCost Other(long otherFlops) => new(0, 0, otherFlops);
}
