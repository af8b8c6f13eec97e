namespace PerfGate.Core.Slope;

/// <summary>
/// One stack depth of the slope check: counted totals per example, and the seconds per batch of each interleaved round
/// (round r of every depth ran in the same window, so differences between depths are taken within a round).
/// </summary>
internal sealed record SlopePoint(int Layers, long Params, long Flops, long OtherFlops, double[] RoundSeconds)
{
    /// <summary>The Harrell-Davis median of the rounds' seconds per batch.</summary>
    public double SecondsPerBatch => Statistics.SampleStatistics.Of(RoundSeconds).Median;
}
