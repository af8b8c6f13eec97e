namespace PerfGate.Core.Tests.Statistics;

public sealed class WilcoxonSignedRankTests
{
    [Fact]
    public void Five_negative_differences_have_the_exact_one_sided_p_of_one_in_thirty_two()
    {
        // Under H0 each of the 2^5 sign patterns is equally likely; only "all negative" has W+ = 0.
        Assert.Equal(1.0 / 32, WilcoxonSignedRank.PLess([-0.1, -0.2, -0.3, -0.4, -0.5]), 12);
        Assert.Equal(1.0, WilcoxonSignedRank.PGreater([-0.1, -0.2, -0.3, -0.4, -0.5]), 12); // every pattern has W+ ≥ 0
    }

    [Fact]
    public void One_positive_difference_of_the_largest_rank_counts_every_subset_summing_to_five_or_less()
    {
        // Ranks 1..5, W+ = 5. Subsets of {1..5} with sum ≤ 5, counted by hand: {}, {1}, {2}, {3}, {4}, {5}, {1,2}, {1,3},
        // {1,4}, {2,3}: 10 of 32.
        Assert.Equal(10.0 / 32, WilcoxonSignedRank.PLess([-0.1, -0.2, -0.3, -0.4, 0.5]), 12);
    }

    [Fact]
    public void Zero_differences_are_dropped_and_nothing_left_is_no_evidence()
    {
        Assert.Equal(1.0 / 32, WilcoxonSignedRank.PLess([0, -0.1, -0.2, 0, -0.3, -0.4, -0.5]), 12);
        Assert.Equal(1.0, WilcoxonSignedRank.PLess([0, 0, 0]));
    }

    [Fact]
    public void Tied_and_long_samples_use_the_normal_approximation_and_still_separate_a_shift_from_none()
    {
        var shifted = Enumerable.Range(0, 80).Select(i => -0.05 + 0.01 * Math.Round(Math.Sin(i))).ToArray(); // ties, all negative
        Assert.True(WilcoxonSignedRank.PLess(shifted) < 1e-10);
        var centred = Enumerable.Range(0, 80).Select(i => (i % 2 == 0 ? 1 : -1) * 0.01 * (1 + i / 2)).ToArray();
        Assert.InRange(WilcoxonSignedRank.PLess(centred), 0.3, 0.7);
    }
}
