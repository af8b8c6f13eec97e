using PerfGate.Core.Measurements;

namespace PerfGate.Core.Against;

/// <summary>
/// One batch size measured on both sides in alternating turns: round i is base's turn and head's turn next to each other
/// (in ABBA order). The paired sample is the per-round ratio of head's throughput to base's.
/// </summary>
public sealed record PairedBatch(int Batch, IReadOnlyList<RoundTiming> Base, IReadOnlyList<RoundTiming> Head, string? Skipped = null)
{
    /// <summary>
    /// ln(head images/s ÷ base images/s) per round: negative when head is slower. Raw throughput: the two turns of a round are
    /// next to each other, which cancels the machine's slow drift; dividing each by its calibration window added noise at
    /// this time scale here (tests/benchmarks/ab-accuracy.sh) and would hide a TorchSharp bump that slows the GEMM too.
    /// </summary>
    public double[] LogRatios() => Base.Zip(Head, (b, h) => Math.Log(b.ModelSeconds / b.ModelCalls / (h.ModelSeconds / h.ModelCalls))).ToArray();

    public int Rounds => Math.Min(Base.Count, Head.Count);
}
