using PerfGate.Core.Against;
using PerfGate.Core.Baselines;
using PerfGate.Core.Flops;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Against;

/// <summary>One model through the A/B gate with two fake sides and a temporary baselines folder holding approved counts.</summary>
public sealed class AgainstRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("perfgate-against-").FullName;
    private readonly List<string> _log = [];

    public AgainstRunTests()
    {
        var paths = new BaselinePaths(_root);
        Directory.CreateDirectory(Path.GetDirectoryName(paths.CountsVerified("tiny"))!);
        File.WriteAllText(
            paths.CountsVerified("tiny"),
            BaselineJson.Write(CountsBaseline.From(SyntheticResults.Noisy(100, model: "tiny")))
        );
    }

    private BaselinePaths Paths => new(_root);

    /// <summary>Every launch gets fresh sides from the factories (a new seed each), as the gate starts fresh processes.</summary>
    private ModelOutcome Run(Func<int, IMeasuringSide> baseSide, Func<int, IMeasuringSide> head, int rounds = 10)
    {
        var launches = 0;
        return new AgainstRun(
            Paths,
            ToleranceConfig.Defaults,
            _ =>
            {
                launches++;
                return new SidePair(baseSide(launches), head(launches));
            },
            "origin/main",
            "0123456789abcdef",
            new SamplerSettings(MinRounds: rounds, MaxRounds: rounds),
            _log.Add
        ).Check("tiny", new GateOptions([1, 8], MaxSeconds: 10));
    }

    private Func<int, IMeasuringSide> Side(string name, double secondsPerImage, LayerCount[]? layers = null, string[]? models = null) =>
        launch => new FakeSide(name, secondsPerImage, _log, seed: launch * 7 + name.Length, layers: layers, models: models);

    [Fact]
    public void Unchanged_code_passes_on_counts_and_on_throughput_against_base()
    {
        var outcome = Run(Side("base", 0.001), Side("head", 0.001));
        Assert.Equal(Verdict.Pass, outcome.Verdict.Verdict);
        Assert.Contains(outcome.Verdict.Findings, f =>
            f.Metric == "counted metrics against base" && f.Code == FindingCodes.CountedUnchanged
        );
        var throughput = Assert.Single(outcome.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches);
        Assert.Equal((FindingCodes.ThroughputUnchanged, Verdict.Pass), (throughput.Code, throughput.Verdict));
        // 10 rounds in each of four launches at each of two batch sizes
        Assert.Contains("over 4 launches, 40 ABBA round pairs; batch 1 ", throughput.Message);
        Assert.Equal([1, 8], outcome.Measurement!.Batches.Select(b => b.Batch)); // head's own figures, with its calibration
        Assert.All(outcome.Measurement.Batches, b => Assert.Equal(40, b.SampleCount)); // every launch's rounds
        // a clear pass stops at the first look: half the planned launches
        Assert.Equal(StoppingRule.FirstLook, _log.Count(l => l == "head pilot 8"));
        Assert.Equal("0123456789abcdef", outcome.Against!.Commit);
        // each launch's own figure, the verdict's samples
        Assert.All(outcome.Against.Batches, b => Assert.Equal([10, 10, 10, 10], b.Launches.Select(l => l.Rounds)));
        Assert.All(outcome.Against.Batches.SelectMany(b => b.Launches), l => Assert.InRange(l.Ratio, 0.8, 1.25));
        Assert.False(File.Exists(Paths.CountsReceived("tiny")));
    }

    [Fact]
    public void Identical_sides_read_no_change_when_a_turn_after_the_other_sides_runs_colder()
    {
        // Caches that favour a side whose turn follows its own (4% here): in ABBA order head has that in the odd rounds and base in
        // the even ones, so round by round the ratios alternate around the truth; a median over rounds leaned to one side.
        var caches = new SharedCaches(0.04);
        IMeasuringSide Warm(string name, int launch) =>
            new FakeSide(name, 0.001, _log, noise: 0.002, seed: launch * 7 + name.Length, caches: caches);

        var outcome = Run(launch => Warm("base", launch), launch => Warm("head", launch));

        var throughput = Assert.Single(outcome.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches);
        Assert.Equal(FindingCodes.ThroughputUnchanged, throughput.Code);
        Assert.InRange(throughput.Delta!.Value, -0.005, 0.005);
        Assert.All(outcome.Against!.Batches, b => Assert.InRange(b.Ratio!.Value, 0.995, 1.005));
    }

    [Fact]
    public void Identical_sides_read_no_change_when_the_first_turn_at_a_batch_size_after_another_pays_for_the_switch()
    {
        // Work at a batch size right after work at another costs 20% more (the machine's caches hold the other's data). Every
        // batch size is piloted before any is measured, so without a warm-up the first round's first turn (base's) paid it
        // alone, and with two pairs a launch that one pair leaned each launch's figure to head by about 5%.
        var caches = new SharedCaches(0, switchCost: 0.2);
        IMeasuringSide Switching(string name, int launch) =>
            new FakeSide(name, 0.001, _log, noise: 0.002, seed: launch * 7 + name.Length, caches: caches);

        var outcome = Run(launch => Switching("base", launch), launch => Switching("head", launch), rounds: 4);

        var throughput = Assert.Single(outcome.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches);
        Assert.Equal(FindingCodes.ThroughputUnchanged, throughput.Code);
        Assert.InRange(throughput.Delta!.Value, -0.005, 0.005);
        Assert.All(outcome.Against!.Batches, b => Assert.InRange(b.Ratio!.Value, 0.995, 1.005));
    }

    [Fact]
    public void An_extra_cost_in_head_fails_on_counts_against_base_before_anything_is_approved()
    {
        var outcome = Run(Side("base", 0.001), Side("head", 0.001, SyntheticResults.WidenedLayers));
        Assert.Equal(Verdict.Fail, outcome.Verdict.Verdict);
        var change = Assert.Single(outcome.Verdict.Findings, f => f.Metric == "conv1 against base");
        Assert.Equal((FindingCodes.CountedChanged, Verdict.Fail), (change.Code, change.Verdict));
        Assert.Contains("changed against base 0123456789ab (origin/main's merge-base)", change.Message);
        Assert.True(File.Exists(Paths.CountsReceived("tiny"))); // something to approve
    }

    [Fact]
    public void A_counted_change_approved_in_the_pull_request_is_reported_against_base_and_passes()
    {
        var widened = SyntheticResults.Noisy(100, model: "tiny", layers: SyntheticResults.WidenedLayers);
        File.WriteAllText(Paths.CountsVerified("tiny"), BaselineJson.Write(CountsBaseline.From(widened)));
        var outcome = Run(Side("base", 0.001), Side("head", 0.001, SyntheticResults.WidenedLayers));
        var change = Assert.Single(outcome.Verdict.Findings, f => f.Metric == "conv1 against base");
        Assert.Equal(Verdict.Pass, change.Verdict);
        Assert.Contains("as approved in the counts file", change.Message);
        Assert.Equal(Verdict.Pass, outcome.Verdict.Verdict);
    }

    [Fact]
    public void A_head_twice_as_slow_fails_only_after_more_launches_confirm_it()
    {
        var outcome = Run(Side("base", 0.001), Side("head", 0.002));
        Assert.Equal(Verdict.Fail, outcome.Verdict.Verdict);
        var regressions = outcome.Verdict.Findings.Where(f => f.Code == FindingCodes.ThroughputRegressed).ToArray();
        Assert.Equal(
            [PairedComparer.AllBatches, "batch 1: throughput against base", "batch 8: throughput against base"],
            regressions.Select(f => f.Metric)
        );
        Assert.InRange(regressions[0].Delta!.Value, -0.52, -0.48);
        var launches = StoppingRule.FirstLook + StoppingRule.ConfirmLaunches;
        Assert.Contains($"Confirmed: it held from launch {StoppingRule.FirstLook} through launch {launches}.", regressions[0].Message);
        Assert.Equal(launches, _log.Count(l => l == "head pilot 8"));
        Assert.Equal(launches, _log.Count(l => l == "base disposed")); // every launch's processes are stopped, the first one reused
    }

    private static readonly Dictionary<string, double> Layers = new() { ["conv1"] = 0.0006, ["fc1"] = 0.0003 };

    private Func<int, IMeasuringSide> Profiled(
        string name,
        double secondsPerImage,
        Dictionary<string, double> layers,
        double outside = 0.0001
    ) => launch => new FakeSide(name, secondsPerImage, _log, seed: launch * 7 + name.Length, layerSeconds: layers, outsideSeconds: outside);

    [Fact]
    public void A_regression_names_the_layer_whose_time_grew_head_against_base_and_head_keeps_its_profile()
    {
        var slowerConv = new Dictionary<string, double>(Layers) { ["conv1"] = 0.0011 };
        var outcome = Run(Profiled("base", 0.001, Layers), Profiled("head", 0.0015, slowerConv));

        var pooled = Assert.Single(outcome.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches);
        Assert.Equal(Verdict.Fail, pooled.Verdict);
        Assert.Equal("conv1", pooled.Attribution![0].Layer);
        Assert.InRange(pooled.Attribution[0].Change!.Value, 0.78, 0.88);
        Assert.Contains("At batch 8, where the time grew: conv1 +8", pooled.Message);
        var layers = outcome.Against!.Batches.Single(b => b.Batch == 8).Layers;
        Assert.Equal(["conv1", "fc1", LayerProfile.OutsideLayers], layers.Select(l => l.Layer));
        Assert.All(layers, l => Assert.NotNull(l.CiLow)); // launch-level intervals
        Assert.NotNull(outcome.Measurement!.Batches.Single(b => b.Batch == 8).Profile);
        Assert.Contains(_log, l => l == "base profile 8");
    }

    [Fact]
    public void A_layer_only_head_has_is_named_as_new_and_the_outcome_still_writes_as_json()
    {
        var withExtra = new Dictionary<string, double>(Layers) { ["extra"] = 0.0005 };
        var outcome = Run(Profiled("base", 0.001, Layers), Profiled("head", 0.0015, withExtra));

        var pooled = Assert.Single(outcome.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches);
        var extra = Assert.Single(pooled.Attribution!, s => s.Layer == "extra");
        Assert.Null(extra.Change);
        Assert.Contains("extra new", pooled.Message);
        var json = PerfGate.Core.Serialization.PerfGateJson.Serialize(outcome.Against);
        Assert.Contains("\"layer\": \"extra\"", json);
        PerfGate.Core.Serialization.PerfGateJson.Serialize(CheckVerdicts.Of([outcome.Verdict], "approve"));
    }

    [Fact]
    public void Time_added_in_a_parents_forward_is_named_as_outside_layers()
    {
        var outcome = Run(Profiled("base", 0.001, Layers), Profiled("head", 0.0015, Layers, outside: 0.0006));

        var pooled = Assert.Single(outcome.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches);
        Assert.Equal(LayerProfile.OutsideLayers, pooled.Attribution![0].Layer);
        Assert.Contains("where the time grew: outside layers +", pooled.Message);
    }

    [Fact]
    public void A_pass_names_no_layers_and_a_base_that_cannot_profile_leaves_the_verdict_as_it_was()
    {
        var unchanged = Run(Profiled("base", 0.001, Layers), Profiled("head", 0.001, Layers));
        Assert.Null(Assert.Single(unchanged.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches).Attribution);

        var oldBase = Run(Side("base", 0.001), Profiled("head", 0.002, Layers));
        var pooled = Assert.Single(oldBase.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches);
        Assert.Equal(Verdict.Fail, pooled.Verdict);
        Assert.Null(pooled.Attribution);
        Assert.All(oldBase.Against!.Batches, b => Assert.Empty(b.Layers));
    }

    [Fact]
    public void Launches_alternate_which_side_starts_first_in_ABBA_order()
    {
        var order = new List<bool>();
        new AgainstRun(
            Paths,
            ToleranceConfig.Defaults,
            headFirst =>
            {
                order.Add(headFirst);
                return new SidePair(
                    new FakeSide("base", 0.001, _log, seed: order.Count),
                    new FakeSide("head", 0.002, _log, seed: order.Count + 50)
                );
            },
            "origin/main",
            "0123456789abcdef",
            new SamplerSettings(MinRounds: 4, MaxRounds: 4)
        ).Check("tiny", new GateOptions([1], MaxSeconds: 10));
        Assert.Equal([false, true, true, false, false, true], order);
    }

    [Fact]
    public void A_slowdown_only_some_launches_show_is_inconclusive_not_a_failure()
    {
        // head twice as slow in the first two pairs of processes only: an offset of those processes, not of the code
        var outcome = Run(Side("base", 0.001), launch => new FakeSide("head", launch <= 2 ? 0.002 : 0.001, _log, seed: launch));
        Assert.NotEqual(Verdict.Fail, outcome.Verdict.Verdict);
        var pooled = Assert.Single(outcome.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches);
        Assert.Equal((FindingCodes.ThroughputInconclusive, Verdict.Inconclusive), (pooled.Code, pooled.Verdict));
        Assert.Contains("the launches disagree", pooled.Message);
        Assert.Contains(
            $"tiny: not decided within the planned {StoppingRule.PlannedLaunches} launches; measuring more, up to "
                + $"{StoppingRule.MaxLaunches}",
            _log
        );
        Assert.Equal(StoppingRule.MaxLaunches, _log.Count(l => l == "head pilot 8"));
    }

    [Fact]
    public void A_model_that_base_does_not_have_is_new_and_nothing_is_measured_against_it()
    {
        var outcome = Run(Side("base", 0.001, models: ["other"]), Side("head", 0.001));
        Assert.Equal(Verdict.New, outcome.Verdict.Verdict);
        Assert.Contains(outcome.Verdict.Findings, f =>
            f.Code == FindingCodes.NewAtBase && f.Message.Contains("does not exist at base 0123456789ab")
        );
        Assert.DoesNotContain(_log, l => l.StartsWith("base", StringComparison.Ordinal) && l != "base disposed");
    }

    [Fact]
    public void A_debug_build_on_either_side_is_refused_before_anything_runs()
    {
        var run = new AgainstRun(
            Paths,
            ToleranceConfig.Defaults,
            _ => new SidePair(new DebugSide(new FakeSide("base", 0.001, _log)), new FakeSide("head", 0.001, _log)),
            "origin/main",
            "0123456789abcdef",
            new SamplerSettings()
        );
        var error = Assert.Throws<PerfGateException>(() => run.Check("tiny", new GateOptions([1], 10)));
        Assert.Equal("PG0010", error.Code);
        Assert.Contains("base side", error.Message);
        Assert.Equal(["head disposed", "base disposed"], _log);
    }

    private sealed class DebugSide(IMeasuringSide inner) : IMeasuringSide
    {
        public string Name => inner.Name;
        public SideHello Hello => inner.Hello with { Build = new BuildInfo(BuildInfo.Debug, null) };

        public SidePrepared Prepare(string model) => inner.Prepare(model);

        public SidePilot Pilot(string model, int batch) => inner.Pilot(model, batch);

        public RoundTiming Turn(string model, int batch, int modelCalls, int calibrationCalls) =>
            inner.Turn(model, batch, modelCalls, calibrationCalls);

        public void Dispose() => inner.Dispose();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Func<int, IMeasuringSide> WithMemory(string name, long bytesPerImage) =>
        launch => new FakeSide(name, 0.001, _log, seed: launch * 7 + name.Length, memoryPerImage: bytesPerImage);

    [Fact]
    public void A_head_whose_peak_memory_doubled_fails_on_memory_against_base_while_its_throughput_passes()
    {
        const long MiB = 1024 * 1024;
        var outcome = Run(WithMemory("base", 10 * MiB), WithMemory("head", 20 * MiB));

        Assert.Equal(Verdict.Fail, outcome.Verdict.Verdict);
        Assert.Equal(FindingCodes.ThroughputUnchanged, outcome.Verdict.Findings.Single(f => f.Metric == PairedComparer.AllBatches).Code);
        var grew = outcome.Verdict.Findings.Where(f => f.Code == FindingCodes.MemoryGrew).ToArray();
        Assert.Equal([1, 8], grew.Select(f => f.Batch!.Value));
        Assert.StartsWith("batch 8: peak memory, head against base 0123456789ab 80.0 MiB → 160.0 MiB (+100.0%)", grew[1].Message);
        Assert.Equal(160 * MiB, outcome.Measurement!.Batches.Single(b => b.Batch == 8).PeakMemory!.Bytes); // head's, for its snapshot
    }

    [Fact]
    public void Unchanged_memory_against_base_passes_listing_both_sides()
    {
        const long MiB = 1024 * 1024;
        var outcome = Run(WithMemory("base", 2 * MiB), WithMemory("head", 2 * MiB));

        var within = Assert.Single(outcome.Verdict.Findings, f => f.Code == FindingCodes.MemoryWithin);
        Assert.StartsWith(
            "peak memory, head against base 0123456789ab within tolerance: batch 1 2.0 MiB → 2.0 MiB, batch 8 16.0 MiB → 16.0 MiB",
            within.Message
        );
        Assert.Equal(Verdict.Pass, outcome.Verdict.Verdict);
    }
}
