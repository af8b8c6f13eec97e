using PerfGate.Core.Against;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Tests.Statistics;

namespace PerfGate.Core.Tests.Against;

/// <summary>The A/B verdict on synthetic launches: each launch a pair of processes with an offset of its own, its rounds
/// jittered.</summary>
public sealed class PairedComparerTests
{
    /// <summary>
    /// One launch of rounds of 10 calls at <paramref name="batch"/>: base at 100 images/s, head at 100 × <paramref name="ratio"/>,
    /// each round's ratio jittered by ± <paramref name="noise"/>.
    /// </summary>
    private static PairedBatch Launch(double ratio, double noise, int rounds = 10, int seed = 3, int batch = 1)
    {
        var rng = new Random(seed);
        var baseRounds = Enumerable.Range(0, rounds).Select(_ => new RoundTiming(10, 0.1 * batch, 1, 0.02)).ToArray();
        var headRounds = Enumerable
            .Range(0, rounds)
            .Select(_ => new RoundTiming(10, 0.1 * batch / (ratio * (1 + noise * (2 * rng.NextDouble() - 1))), 1, 0.02))
            .ToArray();
        return new PairedBatch(batch, baseRounds, headRounds);
    }

    /// <summary>Launches whose pairs of processes run head at these ratios of base (the per-launch offsets), rounds jittered ±1%.</summary>
    private static PairedBatch[] Launches(params double[] ratios) => ratios.Select((r, i) => Launch(r, 0.01, seed: 11 * i + 1)).ToArray();

    private static Finding Judge(params PairedBatch[] launches) =>
        PairedComparer.Compare("tiny", 1, launches, Tolerance.Default, "base abc");

    [Fact]
    public void The_same_speed_in_every_launch_passes()
    {
        var finding = Judge(Launches(1.0, 1.0, 1.0, 1.0));
        Assert.Equal((FindingCodes.ThroughputUnchanged, Verdict.Pass), (finding.Code, finding.Verdict));
        Assert.Equal("batch 1: throughput against base", finding.Metric);
        Assert.Equal(100, finding.Baseline!.Value, 6);
        Assert.Contains("over 4 launches, 20 ABBA round pairs", finding.Message);
    }

    [Fact]
    public void A_consistent_slowdown_across_launches_fails_with_its_size()
    {
        var finding = Judge(Launches(0.94, 0.95, 0.93, 0.94, 0.95));
        Assert.Equal((FindingCodes.ThroughputRegressed, Verdict.Fail), (finding.Code, finding.Verdict));
        Assert.InRange(finding.Delta!.Value, -0.07, -0.05);
        Assert.Contains("launch-level t-test p = ", finding.Message);
    }

    /// <summary>Launches whose wall clock saw a neighbour take head's CPU (head 8–12% slower on it), while the CPU time of both sides was
    /// equal.</summary>
    private static PairedBatch[] NeighbourOnTheWallClock(bool headCountsCpu) =>
        Enumerable
            .Range(0, 5)
            .Select(i =>
            {
                var wallShare = 1 + 0.08 + 0.01 * (i % 5);
                var baseRounds = Enumerable.Range(0, 10).Select(_ => new RoundTiming(10, 0.1, 1, 0.02) { ModelCpuSeconds = 0.1 }).ToArray();
                var headRounds = Enumerable
                    .Range(0, 10)
                    .Select(_ => new RoundTiming(10, 0.1 * wallShare, 1, 0.02) { ModelCpuSeconds = headCountsCpu ? 0.1 : null })
                    .ToArray();
                return new PairedBatch(1, baseRounds, headRounds);
            })
            .ToArray();

    /// <summary>
    /// Five launches where both sides use the same CPU time, head's wall clock is 10–14% longer, and <paramref name="neighbourShare"/>
    /// of that extra time was spent waiting for a CPU (run-queue delay); the rest the pass spent blocked. Rounds jittered ±1%.
    /// </summary>
    private static IReadOnlyList<IReadOnlyList<PairedBatch>> HeadWallSlower(double neighbourShare, bool delayMeasured = true) =>
        Enumerable
            .Range(0, 5)
            .Select(i =>
            {
                var rng = new Random(17 * i + 5);
                double Jitter() => 1 + 0.01 * (2 * rng.NextDouble() - 1);
                RoundTiming Round(double wall, double delay) =>
                    new(10, wall, 1, 0.02) { ModelCpuSeconds = 0.1, ModelRunDelaySeconds = delayMeasured ? delay : null };
                var extra = 0.1 * (0.10 + 0.01 * i);
                var baseRounds = Enumerable.Range(0, 10).Select(_ => Round(0.1 * Jitter(), 0)).ToArray();
                var headRounds = Enumerable.Range(0, 10).Select(_ => Round((0.1 + extra) * Jitter(), extra * neighbourShare)).ToArray();
                return (IReadOnlyList<PairedBatch>)[new PairedBatch(1, baseRounds, headRounds)];
            })
            .ToArray();

    [Fact]
    public void A_pass_that_waits_fails_on_its_own_time_while_cpu_time_passes_and_both_figures_are_said()
    {
        var launches = HeadWallSlower(neighbourShare: 0);
        Assert.Equal(Verdict.Pass, PairedComparer.CompareAll("tiny", launches, Tolerance.Default, "base abc").Verdict);

        var wall = PairedComparer.CompareOwnTime("tiny", launches, Tolerance.Default, "base abc");

        Assert.NotNull(wall);
        Assert.Equal((FindingCodes.ThroughputRegressed, Verdict.Fail), (wall.Code, wall.Verdict));
        Assert.InRange(wall.Delta!.Value, -0.13, -0.08);
        Assert.Contains("where CPU time reads +0.0%", wall.Message);
        Assert.Contains("spends time waiting", wall.Message);
    }

    [Fact]
    public void A_neighbour_that_holds_the_cpu_is_not_taken_for_waiting()
    {
        // The same wall clock, but every extra second was spent runnable, waiting for a CPU a neighbour held.
        Assert.Null(PairedComparer.CompareOwnTime("tiny", HeadWallSlower(neighbourShare: 1), Tolerance.Default, "base abc"));
    }

    [Fact]
    public void Without_the_run_queue_delay_the_wall_clock_is_not_judged()
    {
        Assert.Null(PairedComparer.CompareOwnTime("tiny", HeadWallSlower(0, delayMeasured: false), Tolerance.Default, "base abc"));
    }

    [Fact]
    public void Rounds_with_thread_cpu_time_on_both_sides_are_judged_on_it_not_on_the_wall_clock()
    {
        var launches = NeighbourOnTheWallClock(headCountsCpu: true);
        Assert.All(launches, l => Assert.True(l.ByCpuTime));

        var finding = Judge(launches);

        Assert.Equal((FindingCodes.ThroughputUnchanged, Verdict.Pass), (finding.Code, finding.Verdict));
        Assert.Contains("on CPU time", finding.Message);
        Assert.All(launches.SelectMany(l => l.WallLogRatios()), r => Assert.True(r < -0.07)); // what the wall clock alone would have judged
    }

    [Fact]
    public void A_side_without_thread_cpu_time_makes_the_verdict_fall_back_to_the_wall_clock()
    {
        var launches = NeighbourOnTheWallClock(headCountsCpu: false); // e.g. a base built with an older PerfGate, or a GPU

        var finding = Judge(launches);

        Assert.False(launches[0].ByCpuTime);
        Assert.Equal((FindingCodes.ThroughputRegressed, Verdict.Fail), (finding.Code, finding.Verdict));
        Assert.Contains("on wall time", finding.Message);
    }

    [Fact]
    public void One_launch_without_cpu_time_puts_every_launch_of_the_estimate_on_the_wall_clock_not_a_mix_of_clocks()
    {
        // Four launches with CPU time on both sides (equal), one whose head did not count it (wall clock 8–12% slower).
        var launches = NeighbourOnTheWallClock(headCountsCpu: true)
            .Take(4)
            .Append(NeighbourOnTheWallClock(headCountsCpu: false)[4])
            .ToArray();
        Assert.Equal([true, true, true, true, false], launches.Select(l => l.ByCpuTime));

        var perLaunch = PairedBatch.LaunchLogRatios(launches);
        var finding = Judge(launches);

        Assert.All(perLaunch.SelectMany(r => r), r => Assert.True(r < -0.07)); // every launch on the wall clock, none at 0 on CPU time
        Assert.Equal((FindingCodes.ThroughputRegressed, Verdict.Fail), (finding.Code, finding.Verdict));
        Assert.Contains("on wall time", finding.Message);
        var pooled = PairedComparer.CompareAll(
            "tiny",
            launches.Select(l => (IReadOnlyList<PairedBatch>)[l]).ToArray(),
            Tolerance.Default,
            "base abc"
        );
        Assert.Equal(Verdict.Fail, pooled.Verdict);
    }

    [Fact]
    public void A_batch_size_judged_alone_shares_alpha_with_the_other_batch_sizes()
    {
        // Every launch 4–6% slower: p far below 0.01 over 4 launches, yet not below 0.01 shared by 100 batch sizes.
        var launches = Launches(0.94, 0.96, 0.95, 0.955);
        var alone = PairedComparer.Compare("tiny", 1, launches, Tolerance.Default, "base abc");
        Assert.Equal(Verdict.Fail, alone.Verdict);
        Assert.InRange(alone.PValue!.Value, 0.0001, 0.001);
        Assert.Contains("< α = 0.01.", alone.Message);

        var shared = PairedComparer.Compare("tiny", 1, launches, Tolerance.Default, "base abc", batchSizes: 100);

        Assert.NotEqual(Verdict.Fail, shared.Verdict);
        var three = PairedComparer.Compare("tiny", 1, launches, Tolerance.Default, "base abc", batchSizes: 3);
        Assert.Equal(Verdict.Fail, three.Verdict);
        Assert.Contains("< α = 0.0033 (0.01 shared by 3 batch sizes).", three.Message);
    }

    [Fact]
    public void A_launch_offset_that_round_level_statistics_would_call_significant_is_not()
    {
        // Two of four pairs of processes ran head 6% slow for their whole life, two did not: 40 rounds, 20 of them at -6%.
        // Round by round that is "p = 0.0000"; over launches it is two against two, and the launches disagree.
        var launches = Launches(0.94, 1.0, 0.94, 1.0);
        var rounds = launches.SelectMany(l => l.LogRatios()).ToArray();
        Assert.True(WilcoxonSignedRank.PLess(rounds) < 0.01); // what the old round-level test saw

        var finding = Judge(launches);

        Assert.Equal((FindingCodes.ThroughputInconclusive, Verdict.Inconclusive), (finding.Code, finding.Verdict));
        Assert.Contains("the launches disagree", finding.Message);
    }

    [Fact]
    public void A_faster_claim_needs_the_same_launch_level_evidence_as_a_regression()
    {
        // One pair of processes ran head +21% for its whole life (as seen beside a neighbour); the other three at par.
        var offset = Judge(Launches(1.21, 1.0, 1.0, 1.0));
        Assert.NotEqual(FindingCodes.ThroughputImproved, offset.Code);

        var faster = Judge(Launches(1.2, 1.21, 1.19, 1.2));
        Assert.Equal((FindingCodes.ThroughputImproved, Verdict.Pass), (faster.Code, faster.Verdict));
    }

    [Fact]
    public void The_interval_and_the_test_agree()
    {
        foreach (var seed in Enumerable.Range(0, 40))
        {
            var rng = new Random(seed);
            var launches = Enumerable
                .Range(0, 4 + seed % 6)
                .Select(i => Launch(1 + 0.08 * (rng.NextDouble() - 0.6), 0.03, seed: seed * 31 + i))
                .ToArray();
            var estimate = LaunchEstimate.Of(launches.Select(l => l.LogRatios()).ToArray())!;
            if (estimate.PSlower < 0.025)
                Assert.True(estimate.CiHigh < 0, $"seed {seed}: p {estimate.PSlower} beside a CI up to {estimate.CiHigh}");
            if (estimate.CiHigh < 0)
                Assert.True(estimate.PSlower < 0.025, $"seed {seed}");
        }
    }

    [Fact]
    public void A_slowdown_smaller_than_the_threshold_does_not_fail()
    {
        Assert.Equal(Verdict.Pass, Judge(Launches(0.99, 0.99, 0.99, 0.99)).Verdict);
    }

    [Fact]
    public void An_interval_that_straddles_the_threshold_is_inconclusive()
    {
        // Noisy rounds (±15%) around the same 3% slowdown in every launch: the launches agree, the interval is just wide.
        var finding = Judge(Enumerable.Range(0, 4).Select(i => Launch(0.97, 0.15, seed: 5 * i + 2)).ToArray());
        Assert.DoesNotContain("disagree", finding.Message);
        Assert.Equal((FindingCodes.ThroughputInconclusive, Verdict.Inconclusive), (finding.Code, finding.Verdict));
        Assert.Contains("reaches past the -3.0% threshold", finding.Message);
    }

    [Fact]
    public void An_interval_wide_only_on_the_faster_side_passes_as_not_slower()
    {
        // Launches at −0.5 … +3.5%: no slowdown beyond 3% fits in the interval, though a gain of more than 3% would.
        var finding = Judge(Launches(0.995, 1.035, 1.0, 1.03));
        Assert.Equal((FindingCodes.ThroughputUnchanged, Verdict.Pass), (finding.Code, finding.Verdict));
        Assert.StartsWith("batch 1: not slower beyond the -3.0% threshold, head +1.5%", finding.Message);
        Assert.Contains("… +4.", finding.Message); // the interval's upper end, past +3%, is said
    }

    [Fact]
    public void Too_few_launches_and_a_skipped_batch_are_inconclusive()
    {
        var two = Judge(Launches(0.5, 0.5));
        Assert.Equal(Verdict.Inconclusive, two.Verdict); // however slow: two pairs of processes are two samples
        Assert.Contains("too few launches", two.Message);
        var skipped = PairedComparer.Compare(
            "tiny",
            32,
            [new PairedBatch(32, [], [], "one round does not fit")],
            Tolerance.Default,
            "base abc"
        );
        Assert.Equal(Verdict.Inconclusive, skipped.Verdict);
        Assert.Contains("one round does not fit", skipped.Message);
    }

    [Fact]
    public void The_threshold_comes_from_the_tolerance()
    {
        var strict = PairedComparer.Compare(
            "tiny",
            1,
            Launches(0.98, 0.98, 0.98, 0.98),
            Tolerance.Default with
            {
                AgainstBaseRegression = 0.01,
            },
            "base abc"
        );
        Assert.Equal(Verdict.Fail, strict.Verdict);
        Assert.Equal(0.01, strict.Threshold);
    }

    [Fact]
    public void Pooling_every_batch_within_each_launch_decides_the_model()
    {
        // Four launches of six batch sizes, head 8% slower: each launch's pooled figure is one sample of the model's speed.
        var launches = Enumerable
            .Range(0, 4)
            .Select(l =>
                (IReadOnlyList<PairedBatch>)
                    Enumerable.Range(0, 6).Select(b => Launch(0.92, 0.05, rounds: 6, seed: 10 * l + b, batch: 1 << b)).ToArray()
            )
            .ToArray();
        var all = PairedComparer.CompareAll("tiny", launches, Tolerance.Default, "base abc");
        Assert.Equal((FindingCodes.ThroughputRegressed, Verdict.Fail, PairedComparer.AllBatches), (all.Code, all.Verdict, all.Metric));
        Assert.Contains("over 4 launches, 72 ABBA round pairs", all.Message);
    }
}
