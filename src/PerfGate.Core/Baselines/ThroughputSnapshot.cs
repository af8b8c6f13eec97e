using PerfGate.Core.Measurements;

namespace PerfGate.Core.Baselines;

/// <summary>One batch size's throughput as approved: medians for people, normalized samples for the statistical test.</summary>
public sealed record ThroughputSnapshot(double ImagesPerSecMedian, double NormalizedMedian, double[] NormalizedSamples)
{
    public static ThroughputSnapshot From(BatchResult batch) => new(
        Round(batch.ImagesPerSec!.Median),
        Round(batch.NormalizedThroughput!.Median),
        batch.NormalizedSamples.Select(Round).ToArray());

    /// <summary>Six significant digits: far below the noise, and keeps baseline diffs readable.</summary>
    public static double Round(double value) =>
        value == 0 || !double.IsFinite(value) ? value : Math.Round(value, Math.Max(0, 5 - (int)Math.Floor(Math.Log10(Math.Abs(value)))));
}
