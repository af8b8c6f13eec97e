using PerfGate.Core.Measurements;

namespace PerfGate.Core.Tests.Measurements;

public class BatchSummaryTests
{
    [Fact]
    public void Each_round_becomes_a_throughput_a_calibration_rate_and_their_ratio()
    {
        // Batch 4, 2 calls in 0.5 s -> 16 images/s; calibration 10 calls of 1 GFLOP in 0.25 s -> 40 GFLOP/s.
        RoundTiming[] rounds = [new(2, 0.5, 10, 0.25), new(2, 0.4, 10, 0.25), new(2, 0.5, 10, 0.2)];

        var result = BatchSummary.From(4, rounds, flopsPerImage: 2_000_000_000, calibrationFlopsPerCall: 1e9);

        Assert.Equal([16.0, 20.0, 16.0], result.Samples);
        Assert.Equal([40.0, 40.0, 50.0], result.CalibrationGflops);
        Assert.Equal([16 / 40.0, 20 / 40.0, 16 / 50.0], result.NormalizedSamples);
        Assert.Equal(3 * 2 * 4, result.ImagesRun);
        Assert.Equal(1.4, result.MeasuredSeconds, 12);
        Assert.Equal(3, result.SampleCount);
        Assert.Null(result.Error);
        // Efficiency: model FLOP/s over calibration FLOP/s, per round; 2 GFLOP x 16 images/s = 32 GFLOP/s of 40.
        Assert.InRange(result.Efficiency!.Value, 0.64, 1.0);
        Assert.Equal(2.0 * result.ImagesPerSec!.Median, result.AchievedGflops!.Value, 9);
    }

    [Fact]
    public void Images_run_over_seconds_lies_within_the_samples()
    {
        RoundTiming[] rounds = [new(3, 0.3, 1, 0.1), new(5, 0.7, 1, 0.1), new(1, 0.05, 1, 0.1)];
        var result = BatchSummary.From(8, rounds, 1, 1);
        var overall = result.ImagesRun / result.MeasuredSeconds;
        Assert.InRange(overall, result.Samples.Min(), result.Samples.Max());
    }

    [Fact]
    public void No_rounds_is_an_error() => Assert.Throws<ArgumentException>(() => BatchSummary.From(1, [], 1, 1));
}
