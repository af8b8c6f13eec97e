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
    public void A_pass_states_the_smallest_slowdown_it_can_see_now()
    {
        var finding = ThroughputComparer.Compare("tiny", 1, ThroughputSnapshot.From([Batch(100, 50, 1)]), Batch(100, 50, 2), Tolerance);

        Assert.Equal(FindingCodes.ThroughputUnchanged, finding.Code);
        Assert.Contains("The smallest slowdown this verdict can see here now: -5.0%", finding.Message); // ±1% rounds: the threshold
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

    [Fact]
    public void Advice_names_the_budget_knob_of_the_host_it_is_printed_in()
    {
        var thin = ThroughputSnapshot.From([Batch(100, 50, 1)]) with { NormalizedSamples = [2.0, 2.0] }; // a two-sample baseline
        var finding = ThroughputComparer.Compare("tiny", 1, thin, Batch(100, 50, 2), Tolerance);
        Assert.Contains("Give the run more time (--max-seconds).", finding.Message);

        var report = CheckVerdicts.Of([new ModelVerdict("tiny", "cpu", finding.Verdict, [finding], "v")], "approve");
        var diagnostics = GateDiagnostics.From(ExitCodes.Inconclusive, report, false);

        var said = Assert.Single(diagnostics.Diagnostics, d => d.Code == FindingCodes.ThroughputInconclusive).Message;
        Assert.Contains("Give the run more time (PerfGateMaxSeconds).", said);
        Assert.DoesNotContain("--max-seconds", said);
    }

    [Fact]
    public void A_baseline_too_thin_to_ever_decide_is_refused_at_approval_and_nothing_moves()
    {
        var root = Directory.CreateTempSubdirectory("perfgate-thin").FullName;
        try
        {
            var paths = new BaselinePaths(root);
            var thin = Measurements.SyntheticResults.Noisy(100, rounds: 2);
            Directory.CreateDirectory(Path.Combine(root, "tiny"));
            var received = paths.Received("tiny", thin.Fingerprint.Class);
            File.WriteAllText(received, BaselineJson.Write(Baseline.From([thin], "test", null)));
            File.WriteAllText(paths.CountsReceived("tiny"), BaselineJson.Write(CountsBaseline.From(thin)));

            var e = Assert.Throws<PerfGateException>(() => BaselineApprover.Approve(paths, "tiny", false, null));

            Assert.Equal("PG0404", e.Code);
            Assert.Contains("2 sample(s) at batch 1, and the gate needs 5", e.Message);
            Assert.True(File.Exists(received));
            Assert.False(File.Exists(paths.CountsVerified("tiny"))); // the counts waited too: all or none
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(0.30, true)]
    [InlineData(0.10, true)]
    [InlineData(0.05, false)]
    public void Time_outside_the_layers_past_a_tenth_is_named_as_uncounted(double outsideShare, bool warned)
    {
        var profile = new LayerProfile(
            8,
            10,
            new Estimate(1, 1, 1),
            1,
            [
                new LayerTime(
                    "fc1",
                    "Linear",
                    new Estimate(1 - outsideShare, 1 - outsideShare, 1 - outsideShare),
                    1 - outsideShare,
                    null,
                    null
                ),
                new LayerTime(
                    LayerProfile.OutsideLayers,
                    "",
                    new Estimate(outsideShare, outsideShare, outsideShare),
                    outsideShare,
                    null,
                    null
                ),
            ]
        );

        var warning = UncountedTime.Warning("tiny", profile);

        Assert.Equal(warned, warning is not null);
        if (warned)
            Assert.StartsWith(
                $"warning: tiny, batch 8: {Numbers.Percent(outsideShare, signed: false)} of the forward pass runs outside",
                warning
            );
    }

    [Fact]
    public void A_profile_whose_hooks_cost_more_than_a_tenth_names_nothing_uncounted()
    {
        // A tiny model: the profiled pass takes 3x the plain one, and the hooks' time shows outside the layers.
        var tiny = new LayerProfile(
            8,
            10,
            new Estimate(3, 3, 3),
            1,
            [
                new LayerTime("fc1", "Linear", new Estimate(1, 1, 1), 1.0 / 3, null, null),
                new LayerTime(LayerProfile.OutsideLayers, "", new Estimate(2, 2, 2), 2.0 / 3, null, null),
            ]
        );

        Assert.Null(UncountedTime.Warning("tiny", tiny));
    }
}
