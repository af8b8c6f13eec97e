using PerfGate.Core.Measurements;

namespace PerfGate.Core.Against;

/// <summary>
/// One batch size measured on both sides in alternating turns: round i is base's turn and head's turn next to each other
/// (in ABBA order). The paired sample is the per-round ratio of head's throughput to base's.
/// </summary>
/// <param name="Normalized">
/// Whether each side's throughput is divided by its own calibration GEMM's, timed right after it in the same turn: right when
/// both sides run the same libtorch (the GEMM is then the same code, and its speed measures only the machine), which cancels
/// the machine's changes within a round as the stored-baseline verdict does. A pull request that changes TorchSharp or
/// libtorch is compared on raw throughput.
/// </param>
public sealed record PairedBatch(int Batch, IReadOnlyList<RoundTiming> Base, IReadOnlyList<RoundTiming> Head, string? Skipped = null, bool Normalized = false)
{
    /// <summary>ln(head ÷ base) per round, of images/s (normalized by the calibration when <see cref="Normalized"/>): negative when head is slower.</summary>
    public double[] LogRatios() => Base.Zip(Head, (b, h) => Math.Log(Rate(h) / Rate(b))).ToArray();

    private double Rate(RoundTiming r) =>
        r.ModelCalls / r.ModelSeconds / (Normalized ? r.CalibrationCalls / r.CalibrationSeconds : 1);

    public int Rounds => Math.Min(Base.Count, Head.Count);
}
