using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Tests.Gate;

/// <summary>
/// What the stored verdict may claim (issue "Verdicts a shared machine cannot fool"): never a FAIL or an "improved" when raw and
/// normalized throughput point in opposite directions, and no layer named without evidence.
/// </summary>
public class HonestStoredVerdictTests
{
    private static readonly Tolerance Tolerance = ToleranceConfig.Defaults.For("tiny", 1);

    /// <summary>30 rounds at <paramref name="imagesPerSec"/> (±1%) beside a calibration GEMM at <paramref name="gflops"/>.</summary>
    private static BatchResult Batch(double imagesPerSec, double gflops, int seed, LayerProfile? profile = null)
    {
        var rng = new Random(seed);
        double Jitter() => 1 + 0.01 * (2 * rng.NextDouble() - 1);
        var rounds = Enumerable
            .Range(0, 30)
            .Select(_ => new RoundTiming(10, 10.0 / (imagesPerSec * Jitter()), 1, 1e9 / (gflops * 1e9 * Jitter())))
            .ToArray();
        return BatchSummary.From(1, rounds, flopsPerImage: 1_000_000, calibrationFlopsPerCall: 1e9) with { Profile = profile };
    }

    [Fact]
    public void Raw_faster_and_normalized_slower_is_never_a_fail()
    {
        // The new user's case: the GEMM read 60 GFLOP/s at approval and 84 now; raw +2.3% became normalized -25%.
        var approved = ThroughputSnapshot.From([Batch(35.00, 60, seed: 1)]);
        var now = Batch(35.81, 84, seed: 2);

        var finding = ThroughputComparer.Compare("alexnet", 1, approved, now, Tolerance);

        Assert.Equal(Verdict.Inconclusive, finding.Verdict);
        Assert.InRange(finding.Delta!.Value, -0.30, -0.20);
        Assert.Contains("normalized and raw throughput point in opposite directions", finding.Message);
        Assert.Contains("raw +2.", finding.Message);
    }

    [Fact]
    public void Raw_slower_and_normalized_faster_is_never_an_improvement()
    {
        var approved = ThroughputSnapshot.From([Batch(100, 50, seed: 1)]);
        var now = Batch(95, 35, seed: 2); // the GEMM lost more than the model: normalized +36%, raw -5%

        var finding = ThroughputComparer.Compare("tiny", 1, approved, now, Tolerance);

        Assert.Equal(Verdict.Inconclusive, finding.Verdict);
        Assert.False(finding.ProposesBaseline);
    }

    [Fact]
    public void When_both_agree_a_slowdown_still_fails()
    {
        var finding = ThroughputComparer.Compare("tiny", 1, ThroughputSnapshot.From([Batch(100, 50, 1)]), Batch(50, 50, 2), Tolerance);
        Assert.Equal(Verdict.Fail, finding.Verdict);
    }

    private static LayerProfile Profile(double conv, double convWidth, double fc, double fcWidth) =>
        new(
            1,
            20,
            new Estimate(conv + fc, conv + fc, conv + fc),
            0,
            [
                new LayerTime("conv1", "Conv2d", new Estimate(conv, conv * (1 - convWidth), conv * (1 + convWidth)), 0.5, null, null),
                new LayerTime("fc1", "Linear", new Estimate(fc, fc * (1 - fcWidth), fc * (1 + fcWidth)), 0.5, null, null),
            ]
        )
        {
            CalibrationGflops = 50,
        };

    [Fact]
    public void A_fail_names_only_the_layers_whose_growth_is_beyond_their_own_noise()
    {
        // conv1 grew 50% with tight intervals; fc1's median moved +30% inside intervals of ±40%: noise, not named.
        var approved = ThroughputSnapshot.From([Batch(100, 50, 1, Profile(0.010, 0.02, 0.010, 0.40))]);
        var now = Batch(60, 50, 2, Profile(0.015, 0.02, 0.013, 0.40));

        var finding = ThroughputComparer.Compare("tiny", 1, approved, now, Tolerance);

        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Equal(["conv1"], finding.Attribution!.Select(s => s.Layer));
        Assert.DoesNotContain("fc1", finding.Message);
    }

    [Fact]
    public void Without_significant_growth_no_layer_is_named_and_an_undecided_batch_names_none()
    {
        var noisy = Profile(0.010, 0.50, 0.010, 0.50);
        var grown = Profile(0.014, 0.50, 0.013, 0.50);
        var fail = ThroughputComparer.Compare(
            "tiny",
            1,
            ThroughputSnapshot.From([Batch(100, 50, 1, noisy)]),
            Batch(60, 50, 2, grown),
            Tolerance
        );
        Assert.Equal(Verdict.Fail, fail.Verdict);
        Assert.Null(fail.Attribution);
        Assert.DoesNotContain("time grew", fail.Message);

        var pass = ThroughputComparer.Compare(
            "tiny",
            1,
            ThroughputSnapshot.From([Batch(100, 50, 1, noisy)]),
            Batch(99, 50, 2, grown),
            Tolerance
        );
        Assert.NotEqual(Verdict.Fail, pass.Verdict);
        Assert.Null(pass.Attribution);
    }
}
