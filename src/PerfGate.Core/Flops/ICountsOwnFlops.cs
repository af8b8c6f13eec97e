namespace PerfGate.Core.Flops;

/// <summary>
/// Implemented by a user's custom layer (a TorchSharp module with no child modules) that the FLOP counter does not
/// know: the counter passes the shapes it observed and reports what the layer returns. Without it, or a rule
/// registered with the counter, such a layer is reported as unknown, never counted as zero.
/// </summary>
public interface ICountsOwnFlops
{
    LayerCost CountFlops(IReadOnlyList<long> inputShape, IReadOnlyList<long> outputShape);
}
