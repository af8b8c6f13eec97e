using PerfGate.Core.Statistics;

namespace PerfGate.Core.Tests.Statistics;

public class SampleStatisticsTests
{
    [Fact]
    public void The_median_lies_inside_its_confidence_interval_which_lies_inside_the_data()
    {
        double[] values = [10, 11, 9, 10.5, 9.5, 10.2, 9.8, 30]; // one outlier
        var estimate = SampleStatistics.Of(values);

        Assert.InRange(estimate.Median, 9.8, 10.5); // the outlier barely moves a median
        Assert.True(estimate.CiLow <= estimate.Median && estimate.Median <= estimate.CiHigh);
        Assert.True(estimate.CiLow >= values.Min() && estimate.CiHigh <= values.Max());
    }

    [Fact]
    public void More_samples_of_the_same_spread_narrow_the_interval()
    {
        var rng = new Random(7);
        double[] Draw(int n) => Enumerable.Range(0, n).Select(_ => 100 + rng.NextDouble() * 10).ToArray();
        Assert.True(SampleStatistics.Of(Draw(200)).RelativeHalfWidth < SampleStatistics.Of(Draw(8)).RelativeHalfWidth);
    }

    [Fact]
    public void A_constant_sample_has_a_zero_width_interval() => Assert.Equal(new Estimate(5, 5, 5), SampleStatistics.Of([5, 5, 5]));

    [Fact]
    public void Non_finite_samples_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => SampleStatistics.Of([1, double.NaN]));
        Assert.Throws<ArgumentException>(() => SampleStatistics.Of([]));
    }

    [Fact]
    public void Relative_spread_is_half_the_range_over_the_mean() => Assert.Equal(0.1, SampleStatistics.RelativeSpread([90, 110, 100]), 12);
}
