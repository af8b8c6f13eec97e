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
        Assert.Contains("±25.0% a baseline approved from 1 run may drift", finding.Message);
        Assert.Contains("the smallest change this verdict can see now", finding.Message);
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

    [Fact]
    public void A_snapshot_that_learned_a_small_drift_decides_alone()
    {
        // Three runs within ±1% of each other (a quiet, dedicated runner): its own spread is the bound, the threshold decides.
        var approved = Approve(100, 101, 99.5);
        Assert.Equal(3, approved.Throughput[1].RunMedians.Length);

        var decided = StoredEvidence.Unconfirmed(Stored(approved, 88), approved, ToleranceConfig.Defaults, Why);

        Assert.Equal(Verdict.Fail, decided.Verdict);
        Assert.Contains("its 3 approved runs drifted", Assert.Single(decided.Findings, f => f.Batch == 1).Message);
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
