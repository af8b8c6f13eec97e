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
        File.WriteAllText(paths.CountsVerified("tiny"), BaselineJson.Write(CountsBaseline.From(SyntheticResults.Noisy(100, model: "tiny"))));
    }

    private BaselinePaths Paths => new(_root);

    /// <summary>Every launch gets fresh sides from the factories (a new seed each), as the gate starts fresh processes.</summary>
    private ModelOutcome Run(Func<int, IMeasuringSide> baseSide, Func<int, IMeasuringSide> head)
    {
        var launches = 0;
        return new AgainstRun(Paths, ToleranceConfig.Defaults, _ => { launches++; return new SidePair(baseSide(launches), head(launches)); }, "origin/main", "0123456789abcdef",
            new SamplerSettings(MinRounds: 10, MaxRounds: 10), _log.Add).Check("tiny", new GateOptions([1, 8], MaxSeconds: 10));
    }

    private Func<int, IMeasuringSide> Side(string name, double secondsPerImage, LayerCount[]? layers = null, string[]? models = null) =>
        launch => new FakeSide(name, secondsPerImage, _log, seed: launch * 7 + name.Length, layers: layers, models: models);

    [Fact]
    public void Unchanged_code_passes_on_counts_and_on_throughput_against_base()
    {
        var outcome = Run(Side("base", 0.001), Side("head", 0.001));
        Assert.Equal(Verdict.Pass, outcome.Verdict.Verdict);
        Assert.Contains(outcome.Verdict.Findings, f => f.Metric == "counted metrics against base" && f.Code == FindingCodes.CountedUnchanged);
        var throughput = Assert.Single(outcome.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches);
        Assert.Equal((FindingCodes.ThroughputUnchanged, Verdict.Pass), (throughput.Code, throughput.Verdict));
        Assert.Contains("40 paired rounds; batch 1 ", throughput.Message); // 10 rounds in each of two launches at each of two batch sizes, pooled
        Assert.Equal([1, 8], outcome.Measurement.Batches.Select(b => b.Batch)); // head's own figures, with its calibration
        Assert.All(outcome.Measurement.Batches, b => Assert.Equal(20, b.SampleCount)); // both launches' rounds
        Assert.Equal(AgainstRun.Launches, _log.Count(l => l == "head pilot 8")); // a clear pass is not measured again
        Assert.Equal("0123456789abcdef", outcome.Against!.Commit);
        Assert.False(File.Exists(Paths.CountsReceived("tiny")));
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
    public void A_head_twice_as_slow_fails_only_after_a_second_measurement_confirms_it()
    {
        var outcome = Run(Side("base", 0.001), Side("head", 0.002));
        Assert.Equal(Verdict.Fail, outcome.Verdict.Verdict);
        var regressions = outcome.Verdict.Findings.Where(f => f.Code == FindingCodes.ThroughputRegressed).ToArray();
        Assert.Equal([PairedComparer.AllBatches, "batch 1: throughput against base", "batch 8: throughput against base"], regressions.Select(f => f.Metric));
        Assert.InRange(regressions[0].Delta!.Value, -0.52, -0.48);
        Assert.Contains("Confirmed by a second measurement (alone: -50.", regressions[0].Message);
        Assert.All(regressions[1..], f => Assert.Contains("Confirmed: each measurement alone shows it (first -50.", f.Message));
        Assert.Contains("80 paired rounds", regressions[0].Message); // judged on both measurements' rounds
        Assert.Equal(2 * AgainstRun.Launches, _log.Count(l => l == "head pilot 8")); // measured in two launches, then again in two more
        Assert.Equal(2 * AgainstRun.Launches, _log.Count(l => l == "base disposed")); // every launch's processes are stopped, the first one reused
    }

    [Fact]
    public void A_first_measurement_that_cannot_decide_is_measured_again_and_judged_on_all_rounds()
    {
        // head 6% slower; the first two launches so noisy (±30%) that their interval cannot decide, the next two steady
        var outcome = Run(Side("base", 0.001), launch => new FakeSide("head", 0.00106, _log, noise: launch <= AgainstRun.Launches ? 0.3 : 0.005, seed: launch));
        var pooled = Assert.Single(outcome.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches);
        Assert.True(pooled.Code == FindingCodes.ThroughputRegressed, pooled.Message);
        Assert.Contains("tiny: could not decide yet; measuring again, then deciding on all rounds", _log);
        Assert.Contains("80 paired rounds", pooled.Message);
        Assert.Contains("Confirmed by a second measurement", pooled.Message);
        Assert.Equal(2 * AgainstRun.Launches, _log.Count(l => l == "head pilot 8"));
    }

    [Fact]
    public void A_slowdown_the_second_measurement_does_not_show_is_inconclusive_not_a_failure()
    {
        // head twice as slow in the first measurement's launches only: all rounds together still look slower
        var outcome = Run(Side("base", 0.001), launch => new FakeSide("head", launch <= AgainstRun.Launches ? 0.002 : 0.001, _log, seed: launch));
        Assert.NotEqual(Verdict.Fail, outcome.Verdict.Verdict);
        var pooled = Assert.Single(outcome.Verdict.Findings, f => f.Metric == PairedComparer.AllBatches);
        Assert.Equal((FindingCodes.ThroughputInconclusive, Verdict.Inconclusive), (pooled.Code, pooled.Verdict));
        Assert.Contains("Not confirmed: the second measurement alone shows head neither beyond the threshold nor significantly slower", pooled.Message);
    }

    [Fact]
    public void A_model_that_base_does_not_have_is_new_and_nothing_is_measured_against_it()
    {
        var outcome = Run(Side("base", 0.001, models: ["other"]), Side("head", 0.001));
        Assert.Equal(Verdict.New, outcome.Verdict.Verdict);
        Assert.Contains(outcome.Verdict.Findings, f => f.Code == FindingCodes.NewDevice && f.Message.Contains("does not exist at base 0123456789ab"));
        Assert.DoesNotContain(_log, l => l.StartsWith("base", StringComparison.Ordinal) && l != "base disposed");
    }

    [Fact]
    public void A_debug_build_on_either_side_is_refused_before_anything_runs()
    {
        var run = new AgainstRun(Paths, ToleranceConfig.Defaults, _ => new SidePair(new DebugSide(new FakeSide("base", 0.001, _log)), new FakeSide("head", 0.001, _log)),
            "origin/main", "0123456789abcdef", new SamplerSettings());
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
        public RoundTiming Turn(string model, int batch, int modelCalls, int calibrationCalls) => inner.Turn(model, batch, modelCalls, calibrationCalls);
        public void Dispose() => inner.Dispose();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
