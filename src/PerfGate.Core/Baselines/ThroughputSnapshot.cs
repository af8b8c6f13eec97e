using System.Text.Json.Serialization;
using PerfGate.Core.Measurements;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Baselines;

/// <summary>
/// One batch size's throughput as approved: medians for people, the normalized samples of every run for the statistical
/// test, and each run's normalized median, whose spread is the drift between runs that no within-run test can see.
/// </summary>
internal sealed record ThroughputSnapshot(
    double ImagesPerSecMedian,
    double NormalizedMedian,
    double[] NormalizedSamples,
    double[] RunMedians
)
{
    /// <summary>The per-layer time profile of the last run that has one: information for attributing a slowdown, never gated.</summary>
    public LayerProfile? Profile { get; init; }

    /// <summary>The memory this batch size took (the median over the runs; <see cref="MeasuredMemory"/>): gated with its own
    /// tolerance; null where it was not measured (older baselines: then not compared).</summary>
    public MeasuredMemory? PeakMemory { get; init; }

    /// <summary>Merges the same batch size from one or more runs: pooled samples, medians of the pooled samples, each run's median
    /// kept.</summary>
    public static ThroughputSnapshot From(IReadOnlyList<BatchResult> runs) =>
        new(
            Round(SampleStatistics.Of(runs.SelectMany(b => b.Samples).ToArray()).Median),
            Round(SampleStatistics.Of(runs.SelectMany(b => b.NormalizedSamples).ToArray()).Median),
            runs.SelectMany(b => b.NormalizedSamples).Select(Round).ToArray(),
            runs.Select(b => Round(b.NormalizedThroughput!.Median)).ToArray()
        )
        {
            Profile = runs.LastOrDefault(b => b.Profile is not null)?.Profile,
            PeakMemory = MedianMemory(runs),
        };

    private static MeasuredMemory? MedianMemory(IReadOnlyList<BatchResult> runs) =>
        runs.Any(b => b.PeakMemory is null)
            ? null
            : MeasuredMemory.Median(runs.Select(b => b.PeakMemory!.Bytes), runs[^1].PeakMemory!.Source);

    /// <summary>
    /// The largest relative distance of a run's median from the approved median: how far an unchanged model was seen to
    /// drift between runs on this machine. 0 for a single run, which shows no drift at all (approve with --runs to measure it).
    /// </summary>
    [JsonIgnore]
    public double RunSpread => RunMedians.Length < 2 ? 0 : RunMedians.Max(m => Math.Abs(m / NormalizedMedian - 1));

    /// <summary>Six significant digits: far below the noise, and keeps baseline diffs readable.</summary>
    public static double Round(double value) =>
        value == 0 || !double.IsFinite(value) ? value : Math.Round(value, Math.Max(0, 5 - (int)Math.Floor(Math.Log10(Math.Abs(value)))));
}
