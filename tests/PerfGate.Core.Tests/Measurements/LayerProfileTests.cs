using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Tests.Measurements;

public class LayerProfileTests
{
    /// <summary>Profile rounds of the synthetic tiny model: conv1 ~2 ms, fc1 ~1 ms, 0.2 ms outside, times a layer's factor.</summary>
    private static ProfileRound[] Rounds(double conv = 1, double fc = 1, double outside = 1, int count = 9, int seed = 1)
    {
        var rng = new Random(seed);
        double Jitter() => 1 + 0.01 * (2 * rng.NextDouble() - 1);
        return Enumerable
            .Range(0, count)
            .Select(_ =>
            {
                var layers = new Dictionary<string, double> { ["conv1"] = 0.002 * conv * Jitter(), ["fc1"] = 0.001 * fc * Jitter() };
                return new ProfileRound(layers.Values.Sum() + 0.0002 * outside * Jitter(), layers);
            })
            .ToArray();
    }

    private static LayerProfile Profile(ProfileRound[] rounds) =>
        LayerProfile.From(4, rounds, SyntheticResults.Layers, calibrationGflops: 50, unprofiledSeconds: 0.0032);

    [Fact]
    public void Rows_follow_the_counts_file_with_an_outside_row_shares_that_add_up_and_flops_per_second_from_the_counted_arithmetic()
    {
        var profile = Profile(Rounds());

        Assert.Equal(["conv1", "fc1", LayerProfile.OutsideLayers], profile.Layers.Select(l => l.Layer));
        Assert.Equal(1.0, profile.Layers.Sum(l => l.Share), 9);
        var conv = profile.Layers[0];
        Assert.Equal(0.002, conv.Seconds.Median, 4);
        Assert.InRange(conv.Seconds.CiLow, 0.00198, conv.Seconds.Median);
        // conv1: (800,000 FLOPs + 80,000 other) per image × batch 4 in ~2 ms = ~1.76 GFLOP/s; the GEMM did 50.
        Assert.Equal(880_000 * 4 / 0.002 / 1e9, conv.AchievedGflops!.Value, 1);
        Assert.Equal(conv.AchievedGflops!.Value / 50, conv.Efficiency!.Value, 9);
        Assert.Equal(0.0002, profile.Layers[^1].Seconds.Median, 5);
        Assert.Null(profile.Layers[^1].AchievedGflops);
        Assert.Equal(9, profile.Rounds);
    }

    [Fact]
    public void A_slower_layer_is_named_first_with_the_share_of_the_added_time_it_explains()
    {
        var shifts = ProfileAttribution.Compare(Profile(Rounds()), Profile(Rounds(conv: 1.3, seed: 2)));

        Assert.Equal("conv1", shifts[0].Layer);
        Assert.InRange(shifts[0].Change!.Value, 0.27, 0.33);
        Assert.InRange(shifts[0].ShareOfAddedTime, 0.8, 1.0);
        Assert.StartsWith("where the time grew: conv1 +3", ProfileAttribution.Describe(shifts));
        Assert.Contains("of the added time", ProfileAttribution.Describe(shifts));
    }

    [Fact]
    public void A_machine_slower_overall_is_not_a_slower_layer_when_the_gemm_beside_it_was_slower_too()
    {
        // Every layer 25% slower, and the calibration GEMM beside the profile 20% slower (50 → 40 GFLOP/s): the same code.
        var slowMachine = LayerProfile.From(
            4,
            Rounds(conv: 1.25, fc: 1.25, outside: 1.25, seed: 2),
            SyntheticResults.Layers,
            calibrationGflops: 40,
            unprofiledSeconds: 0.004
        );
        Assert.DoesNotContain(ProfileAttribution.Compare(Profile(Rounds()), slowMachine), s => s.Change > 0.02);

        // The same 25% on conv1 alone, on a machine as fast as before: conv1 is named.
        var slowConv = LayerProfile.From(
            4,
            Rounds(conv: 1.25, seed: 2),
            SyntheticResults.Layers,
            calibrationGflops: 50,
            unprofiledSeconds: 0.004
        );
        Assert.Equal("conv1", ProfileAttribution.Compare(Profile(Rounds()), slowConv)[0].Layer);
    }

    [Fact]
    public void Time_added_outside_every_layer_is_named_as_outside_layers()
    {
        var shifts = ProfileAttribution.Compare(Profile(Rounds()), Profile(Rounds(outside: 4, seed: 2)));

        Assert.Equal(LayerProfile.OutsideLayers, shifts[0].Layer);
        Assert.StartsWith("where the time grew: outside layers +", ProfileAttribution.Describe(shifts));
    }

    [Fact]
    public void Nothing_grew_says_so()
    {
        Assert.Empty(ProfileAttribution.Compare(Profile(Rounds(conv: 1.2)), Profile(Rounds())));
        Assert.Equal("no layer's time grew against the baseline's profile", ProfileAttribution.Describe([]));
    }

    [Fact]
    public void A_throughput_regression_names_the_layer_when_the_baseline_and_the_run_were_profiled()
    {
        var approved = SyntheticResults.Noisy(100, seed: 1, batches: [4]);
        var slower = SyntheticResults.Noisy(60, seed: 2, batches: [4]);
        var baseline = ThroughputSnapshot.From([approved.Batches[0] with { Profile = Profile(Rounds()) }]);
        var now = slower.Batches[0] with { Profile = Profile(Rounds(fc: 2.5, seed: 3)) };

        var finding = ThroughputComparer.Compare("tiny", 4, baseline, now, ToleranceConfig.Defaults.For("tiny", 4));

        Assert.Equal(FindingCodes.ThroughputRegressed, finding.Code);
        Assert.Equal("fc1", finding.Attribution![0].Layer);
        Assert.Contains("Where the time grew: fc1 +", finding.Message);
        // Without a profile on either side the verdict is the same and says nothing of layers.
        var unprofiled = ThroughputComparer.Compare(
            "tiny",
            4,
            baseline with
            {
                Profile = null,
            },
            now,
            ToleranceConfig.Defaults.For("tiny", 4)
        );
        Assert.Equal(finding.Verdict, unprofiled.Verdict);
        Assert.Null(unprofiled.Attribution);
        Assert.DoesNotContain("time grew", unprofiled.Message);
    }

    [Fact]
    public void The_profile_survives_the_results_file_and_the_approved_baseline_read_strictly()
    {
        var measured = SyntheticResults.Noisy(100, seed: 1, batches: [4]);
        measured = measured with { Batches = [measured.Batches[0] with { Profile = Profile(Rounds()) }] };
        var folder = Directory.CreateTempSubdirectory("perfgate-profile-").FullName;
        try
        {
            var written = ResultFiles.Write(measured, folder).First(f => f.EndsWith(".json"));
            var read = ResultReader.Read(written).Batches[0].Profile!;
            Assert.Equal(
                measured.Batches[0].Profile!.Layers.Select(l => (l.Layer, l.Seconds.Median)),
                read.Layers.Select(l => (l.Layer, l.Seconds.Median))
            );

            var baseline = Baseline.From([measured], "test", null);
            var parsed = BaselineJson.Parse(BaselineJson.Write(baseline), "cpu.verified.json");
            Assert.Equal(3, parsed.Throughput[4].Profile!.Layers.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_check_table_and_the_summary_say_where_the_time_goes()
    {
        var measured = SyntheticResults.Noisy(100, seed: 1, batches: [4]);
        measured = measured with { Batches = [measured.Batches[0] with { Profile = Profile(Rounds()) }] };
        var verdict = GateEvaluator.Evaluate(measured, SyntheticResults.Approved(measured, null), ToleranceConfig.Defaults);
        var report = CheckVerdicts.Of([verdict], "perfgate approve --model tiny");

        Assert.Contains("tiny, batch 4, where the time goes: conv1 6", Core.Text.CheckText.Render(report));
        var summary = Core.Text.CheckText.Markdown(report);
        Assert.Contains("<details><summary>tiny, batch 4, where the time goes:", summary);
        Assert.Contains("| (outside layers) |  | 0.200 |", summary);
    }
}
