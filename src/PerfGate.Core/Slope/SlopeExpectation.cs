namespace PerfGate.Core.Slope;

/// <summary>What one added layer should add, per example.</summary>
internal sealed record SlopeExpectation(long Params, long Flops, long OtherFlops)
{
    /// <summary>
    /// One affine(width) layer with bias and ReLU: width·(width+1) parameters, 2·width² FLOPs, and width bias adds plus
    /// width ReLUs of other FLOPs. For width 4096 that is the talk's 16,781,312 parameters.
    /// </summary>
    public static SlopeExpectation AffineRelu(long width) => new(width * (width + 1), 2 * width * width, 2 * width);
}
