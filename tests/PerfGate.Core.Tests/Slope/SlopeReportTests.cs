using PerfGate.Core.Slope;

namespace PerfGate.Core.Tests.Slope;

public class SlopeReportTests
{
    private static readonly SlopeExpectation Expected = SlopeExpectation.AffineRelu(4096);

    [Fact]
    public void The_expected_layer_is_the_talks_16781312_parameters()
    {
        Assert.Equal(16_781_312, Expected.Params);
        Assert.Equal(2L * 4096 * 4096, Expected.Flops);
        Assert.Equal(2L * 4096, Expected.OtherFlops);
    }

    [Fact]
    public void Exact_counts_give_ratios_of_one_and_time_slopes_give_gflops()
    {
        SlopePoint Point(int n, double seconds) => new(n, n * Expected.Params, n * Expected.Flops, n * Expected.OtherFlops, [seconds]);
        var report = SlopeReport.Analyze("mlp", batch: 10, threads: 1, Expected, [Point(4, 0.9), Point(1, 0.3), Point(2, 0.5)]);

        Assert.Equal([1, 2, 4], report.Points.Select(p => p.Layers));
        Assert.Equal(2, report.Segments.Count);
        foreach (var s in report.Segments)
        {
            Assert.Equal(1.0, s.ParamsRatio);
            Assert.Equal(1.0, s.FlopsRatio);
            Assert.Equal(1.0, s.OtherFlopsRatio);
        }
        // 1 -> 2 layers: 0.2 s more per batch of 10 for 2·4096² FLOPs per example.
        Assert.Equal(0.2, report.Segments[0].SecondsPerLayer.Median, 12);
        Assert.Equal(10.0 * 2 * 4096 * 4096 / 0.2 / 1e9, report.Segments[0].AchievedGflops!.Median, 9);
    }

    [Fact]
    public void The_time_per_layer_is_taken_within_each_round_so_a_drift_shared_by_all_depths_cancels()
    {
        // Round r: the machine is (1 + r/10) times slower for every depth alike; per layer always 0.1·(1 + r/10) s.
        double[] Rounds(double perBatch) => Enumerable.Range(0, 10).Select(r => perBatch * (1 + r / 10.0)).ToArray();
        SlopePoint Point(int n) => new(n, n * Expected.Params, n * Expected.Flops, n * Expected.OtherFlops, Rounds(0.05 + 0.1 * n));
        var segment = SlopeReport.Analyze("mlp", 1, 1, Expected, [Point(1), Point(2)]).Segments[0];

        // Per-round differences 0.100, 0.110, ..., 0.190: median 0.145, and the interval lies within them.
        Assert.Equal(0.145, segment.SecondsPerLayer.Median, 3);
        Assert.InRange(segment.SecondsPerLayer.CiLow, 0.100, 0.145);
        Assert.InRange(segment.SecondsPerLayer.CiHigh, 0.145, 0.190);
        // GFLOP/s: the slower end of the time interval is the lower end of the GFLOP/s one.
        var flops = 2.0 * 4096 * 4096;
        Assert.Equal(flops / segment.SecondsPerLayer.CiHigh / 1e9, segment.AchievedGflops!.CiLow, 9);
        Assert.Equal(flops / segment.SecondsPerLayer.CiLow / 1e9, segment.AchievedGflops.CiHigh, 9);
    }

    [Fact]
    public void Points_with_different_round_counts_are_refused() =>
        Assert.Throws<ArgumentException>(() =>
            SlopeReport.Analyze("mlp", 1, 1, Expected, [new(1, 1, 1, 1, [0.1, 0.1]), new(2, 2, 2, 2, [0.2])])
        );

    [Fact]
    public void A_counter_that_misses_the_bias_shows_in_the_ratio()
    {
        SlopePoint Point(int n) => new(n, n * 4096L * 4096, n * Expected.Flops, 0, [0.1 * n]);
        var report = SlopeReport.Analyze("mlp", 1, 1, Expected, [Point(1), Point(2)]);
        Assert.Equal(4096.0 / 4097.0, report.Segments[0].ParamsRatio, 12);
        Assert.Equal(0.0, report.Segments[0].OtherFlopsRatio);
    }

    [Fact]
    public void A_time_that_does_not_grow_has_no_gflops()
    {
        var report = SlopeReport.Analyze("mlp", 1, 1, Expected, [new(1, 1, 1, 1, [0.5]), new(2, 2, 2, 2, [0.4])]);
        Assert.Null(report.Segments[0].AchievedGflops);
    }

    [Fact]
    public void One_point_is_not_enough() =>
        Assert.Throws<ArgumentException>(() => SlopeReport.Analyze("mlp", 1, 1, Expected, [new(1, 1, 1, 1, [1.0])]));
}
