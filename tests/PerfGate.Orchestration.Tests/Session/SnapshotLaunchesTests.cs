using PerfGate.Core;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Orchestration.Tests.Session;

/// <summary>A baseline the gate proposes is made of launches (fresh processes), so that the printed approve command approves a
/// baseline that knows the drift between processes; where none can be started, it stays one run and the gate says so.</summary>
public sealed class SnapshotLaunchesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("perfgate-snapshot-launches").FullName;
    private readonly BaselinePaths _paths;
    private readonly List<string> _progress = [];

    public SnapshotLaunchesTests()
    {
        _paths = new BaselinePaths(Path.Combine(_root, "baselines"));
        Directory.CreateDirectory(Path.Combine(_paths.Root, "tiny"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private GateSetup Setup => GateSetup.Load(new CheckRequest([], false, null, null, null, _paths.Root, null, 10, 1, "cpu"));

    private string Received => _paths.Received("tiny", SyntheticResults.Cpu.Class);

    /// <summary>A device class with no baseline: the gate's outcome and its one-run candidate, as the gate writes them.</summary>
    private ModelOutcome Proposed()
    {
        var current = SyntheticResults.Noisy(100, noise: 0.01, seed: 7, batches: [1, 8]);
        var approved = ApprovedBaselines.Read(_paths, "tiny", SyntheticResults.Cpu.Class);
        var verdict = GateEvaluator.Evaluate(current, approved, ToleranceConfig.Defaults);
        File.WriteAllText(Received, BaselineJson.Write(Baseline.From([current], "test", "abc1234")));
        return new ModelOutcome(current, verdict, approved);
    }

    [Fact]
    public void A_proposed_baseline_is_the_gates_run_and_two_fresh_launches_each_with_its_own_medians()
    {
        var outcome = Proposed();
        Assert.True(outcome.Verdict.ProposesBaseline);
        var asked = new List<(string Model, string Batches, double Seconds)>();

        SnapshotLaunches.Apply(
            [outcome],
            Setup,
            () =>
                (model, batches, seconds) =>
                {
                    asked.Add((model, string.Join(",", batches), seconds));
                    return SyntheticResults.Noisy(90 + 10 * asked.Count, noise: 0.01, seed: asked.Count, batches: [.. batches]);
                },
            _progress.Add
        );

        var merged = BaselineJson.Read(Received, "tiny");
        Assert.Equal(3, merged.Provenance.Runs);
        Assert.Equal(3, merged.Throughput[1].RunMedians.Length);
        Assert.Equal(3, merged.Throughput[8].RunMedians.Length);
        Assert.Equal(("test", "abc1234"), (merged.Provenance.PerfGateVersion, merged.Provenance.Commit));
        Assert.Equal([("tiny", "1,8", 5.0), ("tiny", "1,8", 5.0)], asked); // half the budget each, the gate's batch sizes
        Assert.Contains("tiny: launch 3 of 3 for the proposed baseline, in a fresh process", _progress);
    }

    [Fact]
    public void Without_a_build_to_start_the_candidate_stays_one_run_and_the_gate_says_so()
    {
        SnapshotLaunches.Apply([Proposed()], Setup, () => null, _progress.Add);

        Assert.Equal(1, BaselineJson.Read(Received, "tiny").Provenance.Runs);
        Assert.Contains(_progress, p => p.Contains("the proposed baseline is one run (no build"));
    }

    [Fact]
    public void A_launch_that_fails_leaves_the_one_run_candidate_as_it_was_and_says_why()
    {
        var outcome = Proposed();
        var before = File.ReadAllText(Received);

        SnapshotLaunches.Apply(
            [outcome],
            Setup,
            () => (_, _, _) => throw new PerfGateException("PG2004", "the measuring host ended before it answered"),
            _progress.Add
        );

        Assert.Equal(before, File.ReadAllText(Received));
        Assert.Contains(_progress, p => p.Contains("stays one run: a launch failed (PG2004"));
    }

    [Fact]
    public void A_failing_verdict_is_reported_without_more_launches()
    {
        var outcome = Proposed();
        var failed = outcome with { Verdict = outcome.Verdict with { Verdict = Verdict.Fail } };

        SnapshotLaunches.Apply([failed], Setup, () => throw new InvalidOperationException("asked for a launcher"), _progress.Add);

        Assert.Equal(1, BaselineJson.Read(Received, "tiny").Provenance.Runs);
    }

    [Fact]
    public void A_verdict_that_proposes_nothing_starts_no_process()
    {
        var outcome = Proposed();
        File.Delete(Received); // as the gate leaves it when nothing is proposed

        SnapshotLaunches.Apply([outcome], Setup, () => throw new InvalidOperationException("asked for a launcher"), _progress.Add);

        Assert.False(File.Exists(Received));
    }
}
