using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

/// <summary>
/// The verdicts that must hold on any machine: an improvement passes (and proposes, without blocking), a counts-only gate
/// times nothing and is decided by the counts alone.
/// </summary>
public sealed class SteadyGateTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("perfgate-steady").FullName;
    private BaselinePaths Paths => new(_root);
    private string Received => Paths.Received("tiny", SyntheticResults.Cpu.Class);
    private string CountsReceived => Paths.CountsReceived("tiny");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Approve(MeasurementResult result)
    {
        Directory.CreateDirectory(Path.Combine(_root, "tiny"));
        File.WriteAllText(Paths.CountsVerified("tiny"), BaselineJson.Write(CountsBaseline.From(result)));
        File.WriteAllText(Paths.Verified("tiny", SyntheticResults.Cpu.Class), BaselineJson.Write(Baseline.From([result], "test", null)));
    }

    private ModelOutcome Check(FakeMeasurer measurer, GateOptions options) =>
        new GateRun(Paths, ToleranceConfig.Defaults, measurer, "test", null).Check("tiny", options);

    [Fact]
    public void A_significant_improvement_passes_settles_the_gate_and_writes_only_the_throughput_candidate()
    {
        Approve(SyntheticResults.Noisy(100));
        var outcome = Check(FakeMeasurer.Of(SyntheticResults.Noisy(140, seed: 5)), new GateOptions(null, 10));

        Assert.Equal(Verdict.Pass, outcome.Verdict.Verdict);
        Assert.Contains(outcome.Verdict.Findings, f => f.Code == FindingCodes.ThroughputImproved);
        Assert.True(CheckVerdicts.Of([outcome.Verdict], "approve").Settled);
        Assert.True(File.Exists(Received)); // for whoever wants to ratchet the baseline
        Assert.False(File.Exists(CountsReceived)); // the counts did not change
    }

    [Fact]
    public void A_counts_only_gate_times_no_batch_and_passes_unchanged_counts_whatever_the_throughput()
    {
        Approve(SyntheticResults.Noisy(100));
        var measurer = FakeMeasurer.Of(SyntheticResults.Noisy(30, seed: 3)); // a throughput that a timed gate would fail

        var outcome = Check(measurer, new GateOptions(null, 10, CountsOnly: true));

        Assert.Equal([0], measurer.Asked.Select(b => b.Count)); // one call, for the counting pass only
        Assert.Equal(Verdict.Pass, outcome.Verdict.Verdict);
        Assert.Equal([FindingCodes.CountedUnchanged, FindingCodes.ThroughputNotMeasured], outcome.Verdict.Findings.Select(f => f.Code));
        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void A_counts_only_gate_fails_a_changed_layer_and_proposes_the_counts_only()
    {
        Approve(SyntheticResults.Noisy(100));
        var outcome = Check(
            FakeMeasurer.Of(SyntheticResults.Noisy(100, layers: SyntheticResults.WidenedLayers)),
            new GateOptions(null, 10, CountsOnly: true)
        );

        Assert.Equal(Verdict.Fail, outcome.Verdict.Verdict);
        Assert.True(File.Exists(CountsReceived));
        Assert.False(File.Exists(Received)); // nothing was timed: no throughput candidate to approve by mistake
    }

    [Fact]
    public void Counts_only_cannot_be_combined_with_a_recorded_result()
    {
        var request = new CheckRequest([], false, null, null, "r.json", _root, null, 10, 1, "cpu", CountsOnly: true);
        Assert.Contains("--counts-only", Assert.Throws<PerfGateException>(() => request.Validate()).Message);
    }
}
