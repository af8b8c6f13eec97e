using PerfGate.Core.Measurements;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Tests.Measurements;

public class FlatteningTests
{
    private static (int, Estimate?) P(int batch, double ips) => (batch, new Estimate(ips, ips, ips));

    [Fact]
    public void Finds_the_smallest_batch_within_tolerance_of_the_best() =>
        Assert.Equal(16, Flattening.Find([P(1, 100), P(2, 180), P(4, 300), P(8, 400), P(16, 480), P(32, 500), P(64, 495)], 0.05));

    [Fact]
    public void A_curve_that_still_grows_flattens_at_its_last_batch() =>
        Assert.Equal(8, Flattening.Find([P(1, 10), P(2, 20), P(4, 40), P(8, 80)]));

    [Fact]
    public void A_wider_tolerance_finds_an_earlier_batch() =>
        Assert.Equal(8, Flattening.Find([P(1, 100), P(2, 180), P(4, 300), P(8, 400), P(16, 480), P(32, 500)], 0.25));

    [Fact]
    public void Failed_batches_are_left_out_and_nothing_measured_finds_nothing()
    {
        Assert.Equal(2, Flattening.Find([P(1, 50), P(2, 100), (4, null)]));
        Assert.Null(Flattening.Find([(1, null)]));
    }
}

public class BudgetSplitTests
{
    [Fact]
    public void Longer_rounds_get_proportionally_more_time_so_rounds_come_out_equal()
    {
        // Forward passes of 0.04 s, 0.15 s and 0.45 s with a 0.1 s iteration target: rounds of 0.2, 0.3 and 0.9 s.
        var shares = BudgetSplit.EqualRounds([0.04, 0.15, 0.45], 0.1, 70);
        Assert.Equal(70, shares.Sum(), 9);
        Assert.Equal(shares[0] / 0.2, shares[1] / 0.3, 9);
        Assert.Equal(shares[1] / 0.3, shares[2] / 0.9, 9);
    }

    [Fact]
    public void Kernels_shorter_than_the_iteration_share_evenly() =>
        Assert.Equal([5.0, 5.0], BudgetSplit.EqualRounds([0.001, 0.002], 0.1, 10));
}
