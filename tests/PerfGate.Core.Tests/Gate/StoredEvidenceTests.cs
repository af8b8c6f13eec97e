using PerfGate.Core.Against;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

/// <summary>
/// A stored verdict compares two moments: a change it finds is a suspicion, decided side by side against the approved commit,
/// or standing only beyond the drift the baseline allows (issue "Verdicts a shared machine cannot fool").
/// </summary>
public class StoredEvidenceTests
{
    private const string Why = "PG0013: no commit in HEAD's history holds the approved baseline";

    private static Baseline Approve(params double[] runImagesPerSec) =>
        Baseline.From(
            runImagesPerSec.Select((ips, i) => SyntheticResults.Noisy(ips, noise: 0.01, seed: 10 + i, batches: [1])).ToArray(),
            "test",
            null
        );

    private static ModelVerdict Stored(Baseline approved, double imagesPerSecNow)
    {
        var now = SyntheticResults.Noisy(imagesPerSecNow, noise: 0.01, seed: 99, batches: [1]);
        return GateEvaluator.Evaluate(now, SyntheticResults.Approved(now, approved), ToleranceConfig.Defaults);
    }

    [Fact]
    public void A_drift_the_rounds_call_significant_does_not_fail_a_one_run_snapshot_without_confirmation()
    {
        // The shared machine's case: approved at one moment, checked at another 12% slower; every round agrees, p is tiny.
        var approved = Approve(100);
        var stored = Stored(approved, 88);
        Assert.Equal(Verdict.Fail, stored.Verdict);
        Assert.True(StoredEvidence.Suspects(stored));

        var decided = StoredEvidence.Unconfirmed(stored, approved, ToleranceConfig.Defaults, Why);

        Assert.Equal(Verdict.Inconclusive, decided.Verdict);
        var finding = Assert.Single(decided.Findings, f => f.Batch == 1);
        Assert.Equal(FindingCodes.ThroughputInconclusive, finding.Code);
        Assert.False(decided.ProposesBaseline);
        Assert.Null(finding.Attribution);
        Assert.Contains("±25.0% a run may drift from the approval's moment on a shared machine", finding.Message);
        Assert.Contains("the smallest change this verdict can see now", finding.Message);
        Assert.Equal(0.25, finding.Threshold); // the table's threshold column says it too
        Assert.Contains(Why, finding.Message);
    }

    [Fact]
    public void An_improvement_inside_the_drift_proposes_no_baseline()
    {
        var approved = Approve(100);
        var stored = Stored(approved, 118);
        Assert.True(stored.ProposesBaseline);

        var decided = StoredEvidence.Unconfirmed(stored, approved, ToleranceConfig.Defaults, Why);

        Assert.Equal(Verdict.Inconclusive, decided.Verdict);
        Assert.False(decided.ProposesBaseline);
    }

    [Fact]
    public void A_slowdown_beyond_the_drift_still_fails_without_confirmation_and_says_why_it_stands()
    {
        var approved = Approve(100);
        var decided = StoredEvidence.Unconfirmed(Stored(approved, 50), approved, ToleranceConfig.Defaults, Why);

        Assert.Equal(Verdict.Fail, decided.Verdict);
        var finding = Assert.Single(decided.Findings, f => f.Batch == 1);
        Assert.Equal(FindingCodes.ThroughputRegressed, finding.Code);
        Assert.Contains("it stands: beyond the ±25.0%", finding.Message);
    }

    /// <summary>A tolerances file that declares the runner's drift between moments.</summary>
    private static ToleranceConfig Declared(double runnerDrift) =>
        ToleranceConfig.Parse($$"""{ "version": 1, "defaults": { "runnerDrift": {{runnerDrift}} } }""", "perfgate.tolerances.json");

    [Fact]
    public void Launches_that_agree_do_not_narrow_the_drift_between_moments()
    {
        // Three launches within ±1% of each other, back to back as the printed approve measures them: they show how processes
        // differ, not how far the machine's moments do. A -12% moment is no FAIL without side-by-side evidence.
        var approved = Approve(100, 101, 99.5);
        Assert.Equal(3, approved.Throughput[1].RunMedians.Length);
        var stored = Stored(approved, 88);
        Assert.Equal([1], StoredEvidence.Undecided(stored, approved, ToleranceConfig.Defaults));

        var decided = StoredEvidence.Unconfirmed(stored, approved, ToleranceConfig.Defaults, Why);

        Assert.Equal(Verdict.Inconclusive, decided.Verdict);
    }

    [Fact]
    public void A_runner_declared_quiet_whose_launches_agree_decides_alone()
    {
        // A dedicated runner: the reviewer declares its drift (2%) and the approved launches agree within it. The threshold
        // decides, without a side-by-side measurement.
        var approved = Approve(100, 101, 99.5);
        var quiet = Declared(0.02);
        var stored = Stored(approved, 88);

        Assert.Empty(StoredEvidence.Undecided(stored, approved, quiet));
        Assert.Equal(Verdict.Fail, stored.Verdict);
    }

    [Fact]
    public void Launches_that_spread_beyond_the_declared_drift_bound_the_verdict_by_their_own_spread()
    {
        var approved = Approve(100, 112, 91); // ±12% between launches, on a runner declared at 2%
        var stored = Stored(approved, 88);
        Assert.Equal([1], StoredEvidence.Undecided(stored, approved, Declared(0.02)));

        var decided = StoredEvidence.Unconfirmed(stored, approved, Declared(0.02), Why);

        var finding = Assert.Single(decided.Findings, f => f.Batch == 1);
        Assert.Contains("its 3 approved runs drifted between themselves", finding.Message);
        Assert.True(finding.Threshold > 0.1, $"threshold {finding.Threshold}");
    }

    [Fact]
    public void An_unmeasured_pass_states_the_slowdown_that_can_hide_in_the_drift_and_what_would_measure_it()
    {
        // Unchanged on paper, but a 6% regression read +4% against a snapshot approved at a slower moment looks just like this.
        var approved = Approve(100);
        var stored = Stored(approved, 101);
        Assert.Equal(Verdict.Pass, stored.Verdict);
        Assert.Equal([1], StoredEvidence.Undecided(stored, approved, ToleranceConfig.Defaults));

        var decided = StoredEvidence.Unconfirmed(stored, approved, ToleranceConfig.Defaults, Why);

        Assert.Equal(Verdict.Pass, decided.Verdict);
        var finding = Assert.Single(decided.Findings, f => f.Batch == 1);
        Assert.Equal(0.25, finding.Threshold);
        Assert.Contains("the smallest slowdown this verdict can see now: -25.0%", finding.Message);
        Assert.DoesNotContain("-5.0% (the threshold", finding.Message); // the stored comparison's own claim is gone
        Assert.Contains("runnerDrift in perfgate.tolerances.json", finding.Message);
        Assert.Contains(Why, finding.Message);
    }

    private static ModelVerdict Paired(string code, Verdict verdict, double delta) =>
        new(
            "tiny",
            SyntheticResults.Cpu.Class,
            verdict,
            [
                new Finding(
                    FindingCodes.CountedUnchanged,
                    Verdict.Pass,
                    "tiny",
                    "counted metrics against base",
                    null,
                    null,
                    null,
                    null,
                    null,
                    "as at base"
                ),
                new Finding(code, verdict, "tiny", PairedComparer.AllBatches, null, null, delta, 0.03, 0.001, "all batches: head"),
            ],
            "baselines/tiny/cpu.verified.json"
        )
        {
            ProposesOnlyByFindings = true,
        };

    [Fact]
    public void A_suspicion_the_side_by_side_measurement_does_not_confirm_passes_and_proposes_nothing()
    {
        var approved = Approve(100);
        var stored = Stored(approved, 88);

        var decided = StoredEvidence.Confirmed(stored, Paired(FindingCodes.ThroughputUnchanged, Verdict.Pass, -0.004), new string('a', 40));

        Assert.Equal(Verdict.Pass, decided.Verdict);
        Assert.False(decided.ProposesBaseline);
        Assert.DoesNotContain(decided.Findings, f => f.Batch == 1); // the stored moment-to-moment figure no longer decides
        Assert.Contains(decided.Findings, f => f.Code == FindingCodes.CountedUnchanged && f.Metric == "counted metrics");
        var pooled = Assert.Single(decided.Findings, f => f.Metric == PairedComparer.AllBatches);
        Assert.Contains("against aaaaaaaaaaaa, the commit the baseline was last approved at", pooled.Message);
        Assert.Contains("suspected batch 1 -12.", pooled.Message);
    }

    [Fact]
    public void A_confirmed_slowdown_fails_and_an_approve_would_accept_it()
    {
        var approved = Approve(100);
        var decided = StoredEvidence.Confirmed(
            Stored(approved, 88),
            Paired(FindingCodes.ThroughputRegressed, Verdict.Fail, -0.11),
            new string('b', 40)
        );

        Assert.Equal(Verdict.Fail, decided.Verdict);
        Assert.True(decided.ProposesBaseline);
    }

    [Fact]
    public void A_confirmed_improvement_proposes_the_received_snapshot()
    {
        var approved = Approve(100);
        var decided = StoredEvidence.Confirmed(
            Stored(approved, 118),
            Paired(FindingCodes.ThroughputImproved, Verdict.Pass, 0.15),
            new string('c', 40)
        );

        Assert.Equal(Verdict.Pass, decided.Verdict);
        Assert.True(decided.ProposesBaseline);
    }

    /// <summary>A new device class: counts approved, no throughput baseline for this class (PG1004).</summary>
    private static ModelVerdict NewClass()
    {
        var now = SyntheticResults.Noisy(100, noise: 0.01, seed: 99, batches: [1]);
        var verdict = GateEvaluator.Evaluate(now, SyntheticResults.Approved(now, null), ToleranceConfig.Defaults);
        Assert.True(StoredEvidence.NewDeviceClass(verdict));
        return verdict;
    }

    [Fact]
    public void A_new_device_class_fails_on_a_slowdown_since_the_counts_were_approved_and_still_proposes_its_snapshot()
    {
        var decided = StoredEvidence.AgainstApproval(
            NewClass(),
            Paired(FindingCodes.ThroughputRegressed, Verdict.Fail, -0.11),
            new string('d', 40)
        );

        Assert.Equal(Verdict.Fail, decided.Verdict);
        var paired = Assert.Single(decided.Findings, f => f.Code == FindingCodes.ThroughputRegressed);
        Assert.Contains(
            $"Measured side by side against dddddddddddd, the commit the counts were last approved at, as {SyntheticResults.Cpu.Class} has "
                + "no throughput baseline yet.",
            paired.Message
        );
        Assert.False(paired.ProposesBaseline); // the snapshot is proposed by the NEW finding, for this class, not by the pair
        Assert.Contains(decided.Findings, f => f.Code == FindingCodes.NewDevice);
    }

    [Fact]
    public void A_new_device_class_unchanged_since_its_counts_were_approved_stays_new()
    {
        var decided = StoredEvidence.AgainstApproval(
            NewClass(),
            Paired(FindingCodes.ThroughputUnchanged, Verdict.Pass, -0.004),
            new string('e', 40)
        );

        Assert.Equal(Verdict.New, decided.Verdict);
        Assert.Contains(decided.Findings, f => f.Code == FindingCodes.ThroughputUnchanged);
    }
}
