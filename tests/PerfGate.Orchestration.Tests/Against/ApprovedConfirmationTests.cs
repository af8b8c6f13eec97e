using PerfGate.Core;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Tests.Measurements;
using PerfGate.Orchestration.Against;
using PerfGate.Orchestration.Building;

namespace PerfGate.Orchestration.Tests.Against;

/// <summary>
/// How the stored gate finds the commit a baseline was approved at, and what it says when it cannot measure a suspicion side
/// by side (no project, no history, a baseline not committed): the suspicion is bounded by the baseline's drift, and a
/// received snapshot from a drifted moment is not left behind as a candidate.
/// </summary>
public sealed class ApprovedConfirmationTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("perfgate-approved-at").FullName;
    private readonly BaselinePaths _paths;

    public ApprovedConfirmationTests()
    {
        _paths = new BaselinePaths(Path.Combine(_repo, "baselines"));
        Directory.CreateDirectory(Path.Combine(_paths.Root, "tiny"));
        File.WriteAllText(Path.Combine(_repo, "user.csproj"), "<Project />\n");
    }

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private string Verified => _paths.Verified("tiny", SyntheticResults.Cpu.Class);

    private void Commit(string message) => TestGit.Commit(_repo, message);

    private string Head() => TestGit.Output(_repo, "rev-parse", "HEAD").Trim();

    [Fact]
    public void The_approved_commit_is_the_last_one_that_changed_the_verified_file()
    {
        File.WriteAllText(Verified, "{}\n");
        TestGit.CommitAll(_repo);
        var approvedAt = Head();
        File.WriteAllText(Path.Combine(_repo, "Model.cs"), "// later work that passed the gate\n");
        Commit("later work");
        Assert.NotEqual(approvedAt, Head());

        Assert.Equal(approvedAt, new GitRepository(_repo).ApprovedAt(Verified));
    }

    [Fact]
    public void A_baseline_changed_since_its_commit_has_no_approved_commit()
    {
        File.WriteAllText(Verified, "{}\n");
        TestGit.CommitAll(_repo);
        File.WriteAllText(Verified, "{ \"approved\": \"now, not committed\" }\n");

        var e = Assert.Throws<PerfGateException>(() => new GitRepository(_repo).ApprovedAt(Verified));

        Assert.Equal("PG0013", e.Code);
        Assert.Contains("not committed as it is now", e.Message);
        Assert.Equal(Verified, e.File);
    }

    [Fact]
    public void A_shallow_clone_cut_at_the_head_has_no_approved_commit()
    {
        File.WriteAllText(Verified, "{}\n");
        TestGit.CommitAll(_repo);
        File.WriteAllText(Path.Combine(_repo, "Model.cs"), "// the pull request's change\n");
        Commit("the pull request");
        var shallow = Directory.CreateTempSubdirectory("perfgate-shallow").FullName;
        try
        {
            // As actions/checkout fetches by default: depth 1, so HEAD seems to add every file, the baseline too.
            TestGit.Run(shallow, "clone", "-q", "--depth", "1", $"file://{_repo}", ".");
            var verified = Path.Combine(shallow, Path.GetRelativePath(_repo, Verified));

            var e = Assert.Throws<PerfGateException>(() => new GitRepository(shallow).ApprovedAt(verified));

            Assert.Equal("PG0013", e.Code);
            Assert.Contains("shallow clone", e.Message);
        }
        finally
        {
            Directory.Delete(shallow, recursive: true);
        }
    }

    /// <summary>The stored gate's outcome for "tiny" approved at 100 images/s and now at <paramref name="now"/>, its received
    /// snapshot written as the gate writes it.</summary>
    private ModelOutcome Suspected(double now)
    {
        var current = SyntheticResults.Noisy(now, noise: 0.01, seed: 7, batches: [1]);
        var approved = Baseline.From([SyntheticResults.Noisy(100, noise: 0.01, seed: 3, batches: [1])], "test", null);
        File.WriteAllText(Verified, BaselineJson.Write(approved));
        File.WriteAllText(_paths.CountsVerified("tiny"), BaselineJson.Write(CountsBaseline.From(current)));
        var read = ApprovedBaselines.Read(_paths, "tiny", SyntheticResults.Cpu.Class);
        var verdict = GateEvaluator.Evaluate(current, read, ToleranceConfig.Defaults);
        File.WriteAllText(_paths.Received("tiny", SyntheticResults.Cpu.Class), BaselineJson.Write(Baseline.From([current], "test", null)));
        return new ModelOutcome(current, verdict, read);
    }

    private GateSetup Check => GateSetup.Load(new CheckRequest([], false, null, null, null, _paths.Root, null, 10, 1, "cpu"));

    [Fact]
    public void Without_a_project_a_suspicion_inside_the_drift_is_inconclusive_and_its_received_snapshot_removed()
    {
        var stored = Suspected(now: 88);
        Assert.Equal(Verdict.Fail, stored.Verdict.Verdict);

        var decided = Assert.Single(ApprovedConfirmation.Apply([stored], Check, () => null));

        Assert.Equal(Verdict.Inconclusive, decided.Verdict.Verdict);
        Assert.Contains("no project to build the approved commit from", decided.Verdict.Findings.Single(f => f.Batch == 1).Message);
        Assert.False(File.Exists(_paths.Received("tiny", SyntheticResults.Cpu.Class)));
    }

    [Fact]
    public void Outside_git_the_reason_is_git_s_and_a_large_slowdown_still_fails_with_its_candidate_kept()
    {
        // The temporary folder is no repository: the approved commit cannot be found.
        var stored = Suspected(now: 45);

        var decided = Assert.Single(
            ApprovedConfirmation.Apply([stored], Check, () => new SideBySide(Path.Combine(_repo, "user.csproj"), "Release"))
        );

        Assert.Equal(Verdict.Fail, decided.Verdict.Verdict);
        var finding = decided.Verdict.Findings.Single(f => f.Batch == 1);
        Assert.Contains("Not measured side by side (PG0013:", finding.Message);
        Assert.Contains("it stands: beyond the ±25.0%", finding.Message);
        Assert.True(File.Exists(_paths.Received("tiny", SyntheticResults.Cpu.Class))); // approving it would accept the slowdown
    }

    [Fact]
    public void An_unchanged_outcome_is_measured_side_by_side_too_and_without_a_project_passes_bounded_by_the_drift()
    {
        // Nothing suspected, but a slowdown smaller than the drift between two moments could hide in it: the project is asked for.
        var stored = Suspected(now: 100.5);
        Assert.Equal(Verdict.Pass, stored.Verdict.Verdict);
        var asked = false;

        var decided = Assert.Single(ApprovedConfirmation.Apply([stored], Check, () =>
            {
                asked = true;
                return null;
            }));

        Assert.True(asked);
        Assert.Equal(Verdict.Pass, decided.Verdict.Verdict);
        var finding = decided.Verdict.Findings.Single(f => f.Batch == 1);
        Assert.Equal(0.25, finding.Threshold);
        Assert.Contains("no project to build the approved commit from", finding.Message);
    }

    [Fact]
    public void On_a_runner_declared_quiet_an_unchanged_outcome_is_left_as_it_is_and_no_project_is_asked_for()
    {
        File.WriteAllText(Path.Combine(_paths.Root, ToleranceConfig.FileName), """{ "version": 1, "defaults": { "runnerDrift": 0.02 } }""");
        var stored = Suspected(now: 100.5);
        var asked = false;

        var decided = ApprovedConfirmation.Apply([stored], Check, () =>
        {
            asked = true;
            return null;
        });

        Assert.Same(stored, Assert.Single(decided));
        Assert.False(asked);
    }
}
