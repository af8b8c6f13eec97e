using PerfGate.Core.Against;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Tests.Against;

public sealed class PairedComparerTests
{
    /// <summary>Rounds of 10 calls at batch 1: base at 100 images/s, head at 100 × <paramref name="ratio"/>, each round's ratio jittered by ± <paramref name="noise"/>.</summary>
    private static PairedBatch Paired(double ratio, double noise, int rounds = 30, int seed = 3)
    {
        var rng = new Random(seed);
        var baseRounds = Enumerable.Range(0, rounds).Select(_ => new RoundTiming(10, 0.1, 1, 0.02)).ToArray();
        var headRounds = Enumerable.Range(0, rounds).Select(_ => new RoundTiming(10, 0.1 / (ratio * (1 + noise * (2 * rng.NextDouble() - 1))), 1, 0.02)).ToArray();
        return new PairedBatch(1, baseRounds, headRounds);
    }

    private static Finding Judge(PairedBatch paired) => PairedComparer.Compare("tiny", paired, Tolerance.Default, "base abc");

    [Fact]
    public void The_same_speed_on_both_sides_passes()
    {
        var finding = Judge(Paired(1.0, 0.01));
        Assert.Equal((FindingCodes.ThroughputUnchanged, Verdict.Pass), (finding.Code, finding.Verdict));
        Assert.Equal("batch 1: throughput against base", finding.Metric);
        Assert.Equal(100, finding.Baseline!.Value, 6);
    }

    [Fact]
    public void A_consistent_ten_percent_slowdown_fails_with_its_size()
    {
        var finding = Judge(Paired(0.90, 0.01));
        Assert.Equal((FindingCodes.ThroughputRegressed, Verdict.Fail), (finding.Code, finding.Verdict));
        Assert.InRange(finding.Delta!.Value, -0.11, -0.09);
        Assert.Contains("30 paired rounds", finding.Message);
    }

    [Fact]
    public void A_slowdown_smaller_than_the_threshold_does_not_fail()
    {
        var finding = Judge(Paired(0.99, 0.002));
        Assert.Equal(Verdict.Pass, finding.Verdict);
    }

    [Fact]
    public void An_interval_that_straddles_the_threshold_is_inconclusive()
    {
        var finding = Judge(Paired(0.97, 0.15, rounds: 12));
        Assert.Equal((FindingCodes.ThroughputInconclusive, Verdict.Inconclusive), (finding.Code, finding.Verdict));
        Assert.Contains("reaches past the -3.0% threshold", finding.Message);
    }

    [Fact]
    public void A_faster_head_is_reported_as_an_improvement_and_passes()
    {
        var finding = Judge(Paired(1.2, 0.01));
        Assert.Equal((FindingCodes.ThroughputImproved, Verdict.Pass), (finding.Code, finding.Verdict));
    }

    [Fact]
    public void Too_few_rounds_and_a_skipped_batch_are_inconclusive()
    {
        Assert.Equal(Verdict.Inconclusive, Judge(Paired(0.5, 0.01, rounds: 3)).Verdict);
        var skipped = Judge(new PairedBatch(32, [], [], "one round does not fit"));
        Assert.Equal(Verdict.Inconclusive, skipped.Verdict);
        Assert.Contains("one round does not fit", skipped.Message);
    }

    [Fact]
    public void The_threshold_comes_from_the_tolerance()
    {
        var strict = PairedComparer.Compare("tiny", Paired(0.98, 0.002), Tolerance.Default with { AgainstBaseRegression = 0.01 }, "base abc");
        Assert.Equal(Verdict.Fail, strict.Verdict);
        Assert.Equal(0.01, strict.Threshold);
    }

    [Fact]
    public void Pooling_every_batch_decides_a_slowdown_that_no_batch_decides_alone()
    {
        // 6 rounds per batch: alone, even six slower rounds of six give p = 1/64 > α = 0.01; 36 rounds pooled separate 8% from none.
        var batches = Enumerable.Range(0, 6).Select(seed => Paired(0.92, 0.12, rounds: 6, seed: seed) with { Batch = 1 << seed }).ToArray();
        Assert.All(batches, b => Assert.NotEqual(Verdict.Fail, Judge(b).Verdict));
        var all = PairedComparer.CompareAll("tiny", batches, Tolerance.Default, "base abc");
        Assert.Equal((FindingCodes.ThroughputRegressed, Verdict.Fail, PairedComparer.AllBatches), (all.Code, all.Verdict, all.Metric));
        Assert.Contains("36 paired rounds", all.Message);
    }

    [Theory]
    [InlineData(new[] { -0.08, 0.02, -0.07, 0.03, -0.06, -0.05, 0.01, -0.04, -0.06, 0.02 }, true)]  // median −4.5%, beyond 3%, yet p ≈ 0.04
    [InlineData(new[] { -0.01, -0.012, -0.008, -0.011, -0.009, -0.01, -0.013, -0.007, -0.01, -0.01 }, true)] // −1%, every round: significant
    [InlineData(new[] { 0.01, -0.02, 0.015, -0.01, 0.0, 0.02, -0.015, 0.005, -0.005, 0.01 }, false)] // a transient the first caught alone
    [InlineData(new double[0], false)]
    public void A_regression_on_all_rounds_stands_only_if_the_second_measurement_alone_points_the_same_way(double[] second, bool confirmed)
    {
        var pooled = Judge(Paired(0.9, 0.01));
        Assert.Equal(FindingCodes.ThroughputRegressed, pooled.Code);
        var judged = PairedComparer.Confirm(pooled, second, Tolerance.Default);
        Assert.Equal(confirmed ? (FindingCodes.ThroughputRegressed, Verdict.Fail) : (FindingCodes.ThroughputInconclusive, Verdict.Inconclusive), (judged.Code, judged.Verdict));
        Assert.Contains(confirmed ? "Confirmed by a second measurement (alone: " : "(Not confirmed: the second measurement alone", judged.Message);
    }

    [Fact]
    public void A_finding_that_is_not_a_regression_stands_as_judged_on_all_rounds()
    {
        var pooled = Judge(Paired(1.0, 0.01));
        var judged = PairedComparer.Confirm(pooled, [-0.1, -0.1, -0.1], Tolerance.Default);
        Assert.Equal((pooled.Code, pooled.Verdict), (judged.Code, judged.Verdict));
        Assert.EndsWith("(Measured twice: judged on both measurements' rounds.)", judged.Message);
    }

    [Theory]
    [InlineData(0.90, 0.90, true)]
    [InlineData(0.99, 0.90, false)] // the first measurement alone does not show it
    [InlineData(0.90, 1.00, false)]
    public void One_batch_size_alone_fails_only_when_each_measurement_shows_it_by_itself(double first, double second, bool confirmed)
    {
        var pooled = Judge(Paired(0.9, 0.01));
        var judged = PairedComparer.ConfirmBatch(pooled, Judge(Paired(first, 0.01, seed: 5)), Judge(Paired(second, 0.01, seed: 7)));
        Assert.Equal(confirmed ? Verdict.Fail : Verdict.Inconclusive, judged.Verdict);
        Assert.Contains(confirmed ? "Confirmed: each measurement alone shows it (first" : "(Not confirmed: a batch size alone fails only when each measurement shows it by itself; first", judged.Message);
        var unchanged = Judge(Paired(1.0, 0.01));
        Assert.Equal(unchanged, PairedComparer.ConfirmBatch(unchanged, pooled, pooled)); // only a regression needs confirming
    }
}
