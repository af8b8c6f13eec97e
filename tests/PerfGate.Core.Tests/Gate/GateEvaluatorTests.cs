using PerfGate.Core.Baselines;
using PerfGate.Core.Flops;
using PerfGate.Core.Gate;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

public class GateEvaluatorTests
{
    private static readonly ToleranceConfig Defaults = ToleranceConfig.Defaults;
    private static readonly Baseline Approved = Baseline.From([SyntheticResults.Noisy(100, seed: 1)], "test", null);
    private static readonly ApprovedBaselines Files = SyntheticResults.Approved(SyntheticResults.Noisy(100, seed: 1), Approved);

    private static ModelVerdict Judge(Core.Measurements.MeasurementResult current) => GateEvaluator.Evaluate(current, Files, Defaults);

    [Fact]
    public void An_unchanged_model_passes_every_metric()
    {
        var verdict = Judge(SyntheticResults.Noisy(100, seed: 2));
        Assert.Equal(Verdict.Pass, verdict.Verdict);
        Assert.Contains(verdict.Findings, f => f.Metric == "counted metrics" && f.Verdict == Verdict.Pass);
        Assert.Equal(2, verdict.Findings.Count(f => f.Code == FindingCodes.ThroughputUnchanged && f.Metric.StartsWith("batch")));
        Assert.False(verdict.ProposesBaseline);
    }

    [Fact]
    public void A_widened_layer_fails_naming_the_layer_the_delta_and_the_line()
    {
        var verdict = Judge(SyntheticResults.Noisy(100, seed: 2, layers: SyntheticResults.WidenedLayers));

        Assert.Equal(Verdict.Fail, verdict.Verdict);
        var finding = Assert.Single(verdict.Findings, f => f.Code == FindingCodes.CountedChanged && f.Metric == "conv1");
        Assert.Equal("conv1: flops 800,000 → 1,066,668 (+33.3%)", finding.Message);
        Assert.Equal("baselines/tiny/counts.verified.json", finding.File);
        Assert.Equal("      \"conv1\": {", Files.Counts!.Value.Text.Split('\n')[finding.Line - 1]);
        Assert.True(verdict.ProposesBaseline);
    }

    [Fact]
    public void A_layer_with_several_changes_is_one_finding_and_the_totals_are_another()
    {
        // fc1 doubled its outputs (10 -> 20): flops, MACs, params, other flops and the output shape all change; so do the totals.
        var layers = new[]
        {
            SyntheticResults.Layers[0],
            LayerCount.Counted("fc1", "Linear", [1, 256], [1, 20], 2_000, new LayerCost(100_000, 200_000, 40_000)),
        };
        var changed = SyntheticResults.Noisy(100, seed: 2, layers: layers) with { Flops = 1_000_000, Params = 6_000 };

        var findings = Judge(changed).Findings.Where(f => f.Code == FindingCodes.CountedChanged).ToArray();

        Assert.Equal(["total", "fc1"], findings.Select(f => f.Metric));
        Assert.Equal("total: flops 900,000 → 1,000,000 (+11.1%), params 5,000 → 6,000 (+20.0%)", findings[0].Message);
        Assert.Equal(
            "fc1: flops 100,000 → 200,000 (+100.0%), macs 50,000 → 100,000 (+100.0%), params 1,000 → 2,000 (+100.0%), "
                + "otherFlops 20,000 → 40,000 (+100.0%), output shape 1x10 → 1x20",
            findings[1].Message
        );
        Assert.Equal((100_000, 200_000), (findings[1].Baseline, findings[1].Current)); // the headline figures are the flops
        Assert.Equal("      \"fc1\": {", Files.Counts!.Value.Text.Split('\n')[findings[1].Line - 1]);
    }

    [Fact]
    public void The_summary_and_the_annotations_show_one_entry_per_changed_layer_and_one_for_the_totals()
    {
        var layers = new[]
        {
            SyntheticResults.Layers[0],
            LayerCount.Counted("fc1", "Linear", [1, 256], [1, 20], 2_000, new LayerCost(100_000, 200_000, 40_000)),
        };
        var verdict = Judge(SyntheticResults.Noisy(100, seed: 2, layers: layers) with { Flops = 1_000_000, Params = 6_000 });
        var report = CheckVerdicts.Of([verdict], "perfgate approve --model tiny");

        var annotations = Core.Text.GitHubAnnotations.Render(report, ".").Split('\n').Where(l => l.Contains("PG1001")).ToArray();
        Assert.Equal(2, annotations.Length);
        Assert.Single(annotations, a => a.Contains("::fc1: flops 100,000 → 200,000 (+100.0%25), macs"));
        Assert.Single(annotations, a => a.Contains("::total: flops 900,000 → 1,000,000"));
        var summary = Core.Text.CheckText.Markdown(report).Split('\n');
        Assert.Equal(2, summary.Count(l => l.Contains("PG1001")));
        Assert.Single(summary, l => l.Contains("PG1001") && l.Contains("fc1: flops 100,000 → 200,000 (+100.0%), macs 50,000 → 100,000"));
        Assert.Equal(2, report.Models.Single().Findings.Count(f => f.Code == FindingCodes.CountedChanged)); // the JSON report's findings
    }

    [Fact]
    public void A_cheaper_model_still_fails_until_approved()
    {
        var cheaper = SyntheticResults.Layers.Select(l => l with { Flops = l.Flops / 2 }).ToArray();
        var verdict = Judge(SyntheticResults.Noisy(100, seed: 2, layers: cheaper));
        Assert.Equal(Verdict.Fail, verdict.Verdict);
        Assert.Contains(verdict.Findings, f => f.Message.StartsWith("conv1: flops 800,000 → 400,000 (-50.0%)"));
    }

    [Fact]
    public void Added_and_removed_layers_are_named()
    {
        var layers = new[] { SyntheticResults.Layers[0], SyntheticResults.Layers[1] with { Name = "fc2" } };
        var verdict = Judge(SyntheticResults.Noisy(100, seed: 2, layers: layers));
        Assert.Contains(verdict.Findings, f => f.Message.StartsWith("fc1: layer removed"));
        Assert.Contains(verdict.Findings, f => f.Message.StartsWith("fc2: layer added"));
    }

    [Fact]
    public void A_large_slowdown_fails_with_delta_threshold_and_p_value()
    {
        var verdict = Judge(SyntheticResults.Noisy(50, seed: 3)); // 2x slower

        Assert.Equal(Verdict.Fail, verdict.Verdict);
        var regressed = verdict.Findings.Where(f => f.Code == FindingCodes.ThroughputRegressed).ToArray();
        Assert.Equal(2, regressed.Length);
        Assert.All(regressed, f =>
        {
            Assert.InRange(f.Delta!.Value, -0.55, -0.45);
            Assert.True(f.PValue < 0.01);
            Assert.Equal(0.05, f.Threshold);
            Assert.True(f.Line > 0);
        });
        Assert.Equal([1, 8], verdict.SuspectedBatches);
    }

    [Fact]
    public void A_drop_within_the_threshold_passes_even_when_significant()
    {
        var verdict = Judge(SyntheticResults.Noisy(97, noise: 0.005, seed: 3)); // 3% slower, very steady: significant but small
        Assert.Equal(Verdict.Pass, verdict.Verdict);
        Assert.All(verdict.Findings.Where(f => f.Metric.StartsWith("batch")), f => Assert.True(f.PValue < 0.01));
    }

    [Fact]
    public void A_drop_beyond_the_threshold_without_significance_does_not_fail()
    {
        // 6% slower, but only 5 wildly noisy rounds: the test cannot tell.
        var verdict = Judge(SyntheticResults.Noisy(94, noise: 0.6, rounds: 5, seed: 4));
        Assert.NotEqual(Verdict.Fail, verdict.Verdict);
    }

    [Fact]
    public void An_improvement_passes_and_proposes_a_new_baseline()
    {
        var verdict = Judge(SyntheticResults.Noisy(150, seed: 5));
        Assert.Equal(Verdict.Pass, verdict.Verdict);
        Assert.Contains(verdict.Findings, f => f.Code == FindingCodes.ThroughputImproved && f.ProposesBaseline);
        Assert.True(verdict.ProposesBaseline);
    }

    [Fact]
    public void Too_few_samples_is_inconclusive_never_a_pass()
    {
        var verdict = Judge(SyntheticResults.Noisy(100, rounds: 3, seed: 6));
        Assert.Equal(Verdict.Inconclusive, verdict.Verdict);
        Assert.Contains(verdict.Findings, f => f.Code == FindingCodes.ThroughputInconclusive && f.Message.Contains("too few samples"));
    }

    [Fact]
    public void A_spread_too_wide_to_decide_is_inconclusive()
    {
        var verdict = Judge(SyntheticResults.Noisy(100, noise: 0.6, rounds: 8, seed: 7));
        Assert.Equal(Verdict.Inconclusive, verdict.Verdict);
        Assert.Contains(verdict.Findings, f => f.Message.Contains("95% CI"));
    }

    [Fact]
    public void Bimodal_samples_are_inconclusive()
    {
        var current = SyntheticResults.Noisy(100, noise: 0.002, rounds: 40, seed: 8, batches: [1]);
        // Half the rounds ran on a machine twice as busy: two clear modes.
        var batch = current.Batches[0];
        var bimodal = batch.NormalizedSamples.Select((v, i) => i % 2 == 0 ? v : v * 0.85).ToArray();
        current = current with
        {
            Batches = [batch with { NormalizedSamples = bimodal, NormalizedThroughput = Core.Statistics.SampleStatistics.Of(bimodal) }],
        };
        var baseline = Baseline.From([SyntheticResults.Noisy(93, noise: 0.002, rounds: 40, seed: 9, batches: [1])], "test", null);

        var verdict = GateEvaluator.Evaluate(current, SyntheticResults.Approved(current, baseline), Defaults);

        Assert.Contains(verdict.Findings, f => f.Verdict == Verdict.Inconclusive && f.Message.Contains("bimodal"));
    }

    [Fact]
    public void No_throughput_baseline_is_a_new_device_with_nothing_to_compare_but_counts_are_still_judged()
    {
        var verdict = GateEvaluator.Evaluate(
            SyntheticResults.Noisy(100),
            SyntheticResults.Approved(SyntheticResults.Noisy(100), null),
            Defaults
        );
        Assert.Equal(Verdict.New, verdict.Verdict);
        Assert.Contains("nothing to compare", Assert.Single(verdict.Findings, f => f.Code == FindingCodes.NewDevice).Message);
        Assert.Contains(verdict.Findings, f => f.Code == FindingCodes.CountedUnchanged && f.Verdict == Verdict.Pass);
        Assert.True(verdict.ProposesBaseline);
    }

    [Fact]
    public void A_baseline_that_knows_its_between_run_drift_never_fails_inside_it()
    {
        // Three approved runs at 100, 88 and 112 images/s: an unchanged model drifts about ±12% between runs on this machine.
        var runs = new[] { 100.0, 88, 112 }.Select((ips, i) => SyntheticResults.Noisy(ips, noise: 0.005, seed: 20 + i)).ToArray();
        var drifting = Baseline.From(runs, "test", null);
        var files = SyntheticResults.Approved(runs[0], drifting);

        // A later run 9% below: significant within the run and beyond 5%, but inside the drift seen between approved runs.
        var verdict = GateEvaluator.Evaluate(SyntheticResults.Noisy(91, noise: 0.005, seed: 30), files, Defaults);
        Assert.Equal(Verdict.Pass, verdict.Verdict);
        var batch = verdict.Findings.Single(f => f.Batch == 1);
        Assert.InRange(batch.Threshold!.Value, 0.11, 0.13); // the smallest slowdown this baseline can detect
        Assert.Contains("drifted", batch.Message);

        // The same 9% against a single-run baseline (no drift known) fails, as before.
        var single = SyntheticResults.Approved(runs[0], Baseline.From([runs[0]], "test", null));
        Assert.Equal(Verdict.Fail, GateEvaluator.Evaluate(SyntheticResults.Noisy(91, noise: 0.005, seed: 30), single, Defaults).Verdict);

        // Beyond the drift (2x slower) it still fails.
        Assert.Equal(Verdict.Fail, GateEvaluator.Evaluate(SyntheticResults.Noisy(50, noise: 0.005, seed: 31), files, Defaults).Verdict);
    }

    [Fact]
    public void A_batch_skipped_for_the_time_budget_is_inconclusive_with_its_reason_never_a_failure()
    {
        var current = SyntheticResults.Noisy(100, seed: 2);
        current = current with
        {
            Batches =
            [
                current.Batches[0],
                Core.Measurements.BatchResult.OverBudget(8, "one round does not fit in what is left of the time budget"),
            ],
        };

        var verdict = Judge(current);

        Assert.Equal(Verdict.Inconclusive, verdict.Verdict);
        var finding = Assert.Single(verdict.Findings, f => f.Batch == 8);
        Assert.Equal(FindingCodes.ThroughputInconclusive, finding.Code);
        Assert.Contains("time budget", finding.Message);
    }

    [Fact]
    public void A_batch_missing_from_the_measurement_is_inconclusive()
    {
        var verdict = Judge(SyntheticResults.Noisy(100, seed: 2, batches: [1]));
        Assert.Equal(Verdict.Inconclusive, verdict.Verdict);
        Assert.Contains(verdict.Findings, f =>
            f.Code == FindingCodes.BatchSetChanged && f.Message.StartsWith("batch 8 is in the baseline")
        );
    }

    [Fact]
    public void A_regression_the_second_measurement_does_not_confirm_passes()
    {
        var first = Judge(SyntheticResults.Noisy(50, seed: 3));
        var confirmed = GateEvaluator.Confirm(first, SyntheticResults.Noisy(100, seed: 10), Files, Defaults);
        Assert.Equal(Verdict.Pass, confirmed.Verdict);
        Assert.Contains(confirmed.Findings, f => f.Message.Contains("the second did not confirm it"));
    }

    [Fact]
    public void A_regression_seen_twice_fails()
    {
        var first = Judge(SyntheticResults.Noisy(50, seed: 3));
        var confirmed = GateEvaluator.Confirm(first, SyntheticResults.Noisy(52, seed: 11), Files, Defaults);
        Assert.Equal(Verdict.Fail, confirmed.Verdict);
        Assert.Contains(confirmed.Findings, f => f.Message.EndsWith("Confirmed by a second measurement."));
    }

    [Theory]
    [InlineData(nameof(Verdict.Pass), false, ExitCodes.Success)]
    [InlineData(nameof(Verdict.Fail), false, ExitCodes.GateFailed)]
    [InlineData(nameof(Verdict.Inconclusive), false, ExitCodes.Inconclusive)]
    [InlineData(nameof(Verdict.Inconclusive), true, ExitCodes.GateFailed)]
    [InlineData(nameof(Verdict.New), false, ExitCodes.Success)]
    [InlineData(nameof(Verdict.New), true, ExitCodes.GateFailed)]
    public void Exit_codes_follow_the_verdict_and_strictness(string verdict, bool strict, int code) =>
        Assert.Equal(code, new CheckVerdicts(Enum.Parse<Verdict>(verdict), [], "approve").ExitCode(strict));
}
