using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

/// <summary>Baseline files on disk through a gate run: stable form, every bad-file case, the received files, and approval.</summary>
public sealed class BaselineFilesTests : IDisposable
{
    private static readonly GateOptions Options = new(null, 10);
    private readonly string _root = Directory.CreateTempSubdirectory("perfgate-baselines").FullName;
    private BaselinePaths Paths => new(_root);
    private string Verified => Paths.Verified("tiny", SyntheticResults.Cpu.Class);
    private string Received => Paths.Received("tiny", SyntheticResults.Cpu.Class);
    private string Counts => Paths.CountsVerified("tiny");
    private string CountsReceived => Paths.CountsReceived("tiny");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Approve(MeasurementResult result, bool throughput = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Verified)!);
        File.WriteAllText(Counts, BaselineJson.Write(CountsBaseline.From(result)));
        if (throughput)
            File.WriteAllText(Verified, BaselineJson.Write(Baseline.From([result], "test", "abc")));
    }

    private ModelOutcome Check(FakeMeasurer measurer) =>
        new GateRun(Paths, ToleranceConfig.Defaults, measurer, "test", null).Check("tiny", Options);

    private ModelOutcome Check(MeasurementResult result) => Check(FakeMeasurer.Of(result));

    [Fact]
    public void Baselines_are_written_sorted_lf_terminated_and_read_back_equal()
    {
        var text = BaselineJson.Write(Baseline.From([SyntheticResults.Noisy(100)], "0.1.0", "abc"));
        var path = Path.Combine(_root, "b.json");
        File.WriteAllText(path, text);

        Assert.DoesNotContain("\r", text);
        Assert.EndsWith("}\n", text);
        var keys = text.Split('\n').Where(l => l.StartsWith("  \"")).Select(l => l.Trim().Split('"')[1]).ToArray();
        Assert.Equal(["deviceClass", "model", "provenance", "schemaVersion", "throughput"], keys);
        Assert.True(text.IndexOf("\"1\":", StringComparison.Ordinal) < text.IndexOf("\"8\":", StringComparison.Ordinal));
        Assert.Equal(text, BaselineJson.Write(BaselineJson.Read(path))); // stable through a round trip
        Assert.DoesNotContain(Environment.MachineName, text);
        Assert.DoesNotContain("counted", text); // counts live in their own file
    }

    public static TheoryData<string, string, string> BadFiles =>
        new()
        {
            { "truncated", "PG0201", "not a valid baseline" },
            { "schema", "PG0202", "schemaVersion must be 2" },
            { "nan", "PG0201", "not a valid baseline" },
            { "zero-throughput", "PG0204", "not a positive number" },
            { "other-model", "PG0203", "is for model 'other'" },
            { "other-device", "PG0206", "deviceClass is 'cpu-x64-avx512-intel6.106-1t'" },
            { "not-an-object", "PG0201", "does not hold a JSON object" },
        };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_baseline_is_reported_with_file_and_reason_before_measuring_and_nothing_is_overwritten(
        string kind,
        string code,
        string reason
    )
    {
        Approve(SyntheticResults.Noisy(100));
        var good = File.ReadAllText(Verified);
        var bad = kind switch
        {
            "truncated" => good[..(good.Length / 2)],
            "schema" => good.Replace("\"schemaVersion\": 2", "\"schemaVersion\": 7"),
            "nan" => good.Replace("\"imagesPerSecMedian\": ", "\"imagesPerSecMedian\": NaN, \"x\": "),
            "zero-throughput" => new System.Text.RegularExpressions.Regex("\"normalizedMedian\": [0-9.]+").Replace(
                good,
                "\"normalizedMedian\": 0",
                1
            ),
            "other-model" => good.Replace("\"model\": \"tiny\"", "\"model\": \"other\""),
            "other-device" => good.Replace(SyntheticResults.Cpu.Class, "cpu-x64-avx512-intel6.106-1t"),
            _ => "[1, 2, 3]",
        };
        File.WriteAllText(Verified, bad);
        var measurer = FakeMeasurer.Of(SyntheticResults.Noisy(100));

        var e = Assert.Throws<PerfGateException>(() => Check(measurer));

        Assert.Equal(code, e.Code);
        Assert.Contains(reason, e.Message);
        Assert.Equal(Verified, e.File);
        Assert.Equal(ExitCodes.BadInput, e.ExitCode);
        Assert.Empty(measurer.Asked); // nothing measured
        Assert.Equal(bad, File.ReadAllText(Verified)); // left as it was
        Assert.False(File.Exists(Received)); // and nothing written beside it
        if (kind is "schema" or "other-model" or "other-device")
            Assert.True(e.Line > 1, $"line {e.Line}");
    }

    [Fact]
    public void A_negative_count_in_the_counts_file_names_the_totals_line_not_a_layers()
    {
        Approve(SyntheticResults.Noisy(100));
        var text = File.ReadAllText(Counts);
        File.WriteAllText(Counts, text.Replace("\"params\": 5000", "\"params\": -5000"));
        var lines = File.ReadAllLines(Counts);

        var e = Assert.Throws<PerfGateException>(() => Check(SyntheticResults.Noisy(100)));

        Assert.Equal("PG0204", e.Code);
        Assert.Equal("    \"params\": -5000", lines[e.Line - 1].TrimEnd(',')); // the total, four spaces deep, not a layer's params
    }

    [Fact]
    public void A_new_device_writes_both_received_files_and_no_verified_one()
    {
        var outcome = Check(SyntheticResults.Noisy(100));
        Assert.Equal(Verdict.New, outcome.Verdict.Verdict);
        Assert.Equal([FindingCodes.NewCounts, FindingCodes.NewDevice], outcome.Verdict.Findings.Select(f => f.Code));
        Assert.True(File.Exists(Received));
        Assert.True(File.Exists(CountsReceived));
        Assert.False(File.Exists(Verified));
    }

    [Fact]
    public void Counts_are_gated_exactly_on_a_device_class_that_has_no_throughput_baseline()
    {
        Approve(SyntheticResults.Noisy(100), throughput: false); // counts approved elsewhere; this machine has no throughput file

        var outcome = Check(SyntheticResults.Noisy(100, layers: SyntheticResults.WidenedLayers));

        Assert.Equal(Verdict.Fail, outcome.Verdict.Verdict);
        var changed = outcome.Verdict.Findings.Single(f => f.Code == FindingCodes.CountedChanged);
        Assert.Equal(Counts, changed.File);
        Assert.Equal("      \"conv1\": {", File.ReadAllLines(Counts)[changed.Line - 1]);
        Assert.Contains(outcome.Verdict.Findings, f => f.Code == FindingCodes.NewDevice && f.Verdict == Verdict.New);
        Assert.Contains("1066668", File.ReadAllText(CountsReceived));

        // Unchanged counts on the same new device: counts pass, throughput is new.
        var unchanged = Check(SyntheticResults.Noisy(100));
        Assert.Equal(Verdict.New, unchanged.Verdict.Verdict);
        Assert.Contains(unchanged.Verdict.Findings, f => f.Code == FindingCodes.CountedUnchanged && f.Verdict == Verdict.Pass);
    }

    [Fact]
    public void A_changed_output_shape_fails_even_at_equal_flops()
    {
        Approve(SyntheticResults.Noisy(100));
        var reshaped = SyntheticResults.Layers.Select(l => l.Name == "fc1" ? l with { OutputShape = [1, 5, 2] } : l).ToArray();

        var outcome = Check(SyntheticResults.Noisy(100, layers: reshaped));

        var finding = Assert.Single(outcome.Verdict.Findings, f => f.Code == FindingCodes.CountedChanged);
        Assert.Equal("fc1: output shape 1x10 → 1x5x2", finding.Message);
    }

    [Fact]
    public void A_failure_writes_the_candidate_and_leaves_the_verified_files_alone()
    {
        Approve(SyntheticResults.Noisy(100));
        var before = (File.ReadAllText(Verified), File.ReadAllText(Counts));

        var outcome = Check(SyntheticResults.Noisy(100, layers: SyntheticResults.WidenedLayers));

        Assert.Equal(Verdict.Fail, outcome.Verdict.Verdict);
        Assert.Equal(before, (File.ReadAllText(Verified), File.ReadAllText(Counts)));
        Assert.Contains("1066668", File.ReadAllText(CountsReceived));
    }

    [Fact]
    public void A_pass_removes_stale_received_files()
    {
        Approve(SyntheticResults.Noisy(100));
        File.WriteAllText(Received, "stale");
        File.WriteAllText(CountsReceived, "stale");
        Assert.Equal(Verdict.Pass, Check(SyntheticResults.Noisy(100, seed: 2)).Verdict.Verdict);
        Assert.False(File.Exists(Received));
        Assert.False(File.Exists(CountsReceived));
    }

    [Fact]
    public void A_suspected_regression_is_measured_again_and_the_outcome_carries_the_merged_measurement()
    {
        Approve(SyntheticResults.Noisy(100));
        var again = SyntheticResults.Noisy(100, seed: 4, batches: [1, 8]); // the machine was only busy the first time
        var measurer = new FakeMeasurer(_ => SyntheticResults.Noisy(50, seed: 3), _ => again);

        var outcome = Check(measurer);

        Assert.Equal(
            [
                [1, 8],
                [1, 8],
            ],
            measurer.Asked.Select(a => a.ToArray())
        );
        Assert.Equal(Verdict.Pass, outcome.Verdict.Verdict);
        // Results, report and received file are written from this: the re-measured figures, not the first look's.
        Assert.Equal(again.Batches.Select(b => b.ImagesPerSec), outcome.Measurement!.Batches.Select(b => b.ImagesPerSec));
        Assert.Equal(again.Batches[0].NormalizedThroughput!.Median, outcome.Verdict.Findings.Single(f => f.Batch == 1).Current);
    }

    [Fact]
    public void A_debug_build_is_refused_before_anything_is_measured()
    {
        var debug = new FakeMeasurer(_ => SyntheticResults.Noisy(100)) { Build = new BuildInfo(BuildInfo.Release, BuildInfo.Debug) };

        var e = Assert.Throws<PerfGateException>(() => Check(debug));

        Assert.Equal("PG0010", e.Code);
        Assert.Contains("-c Release", e.Message);
        Assert.Empty(debug.Asked);
        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void Approve_moves_received_onto_verified_and_says_what_changed()
    {
        Approve(SyntheticResults.Noisy(100));
        Check(SyntheticResults.Noisy(100, layers: SyntheticResults.WidenedLayers));

        var approved = BaselineApprover.Approve(Paths, "tiny", force: false, ciVariable: null);

        Assert.Contains(approved, a => a.What == "counts" && a.Changes.Contains("conv1: flops: 800,000 → 1,066,668"));
        Assert.False(File.Exists(Received));
        Assert.False(File.Exists(CountsReceived));
        Assert.Contains("1066668", File.ReadAllText(Counts));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Verified)!, "*.tmp*"));
        Assert.Equal(Verdict.Pass, Check(SyntheticResults.Noisy(100, seed: 5, layers: SyntheticResults.WidenedLayers)).Verdict.Verdict);
    }

    [Fact]
    public void Nothing_to_approve_is_PG0402_with_the_hosts_hint_and_changes_nothing()
    {
        Check(SyntheticResults.Noisy(100));
        BaselineApprover.ApproveAll(Paths, ["tiny"], force: false, ciVariable: null, "unused");
        var verified = File.ReadAllText(Verified);

        var e = Assert.Throws<PerfGateException>(() =>
            BaselineApprover.ApproveAll(Paths, [null], force: false, ciVariable: null, "Run the gate first.")
        );
        Assert.Equal("PG0402", e.Code);
        Assert.Equal("nothing to approve: no received baselines for any model. Run the gate first.", e.Message);
        Assert.Equal(verified, File.ReadAllText(Verified));
    }

    [Fact]
    public void Approve_is_refused_on_ci_unless_forced()
    {
        Check(SyntheticResults.Noisy(100));

        var e = Assert.Throws<PerfGateException>(() => BaselineApprover.Approve(Paths, null, force: false, ciVariable: "true"));
        Assert.Equal("PG0401", e.Code);
        Assert.True(File.Exists(Received));
        Assert.False(File.Exists(Verified));

        Assert.Equal(2, BaselineApprover.Approve(Paths, null, force: true, ciVariable: "true").Count);
        Assert.True(File.Exists(Verified));
    }

    [Fact]
    public void A_corrupt_received_file_is_not_approved_and_nothing_else_is_approved_with_it()
    {
        Approve(SyntheticResults.Noisy(100));
        Check(SyntheticResults.Noisy(100, layers: SyntheticResults.WidenedLayers));
        var before = File.ReadAllText(Counts);
        File.WriteAllText(Received, "{ \"schemaVersion\": 2, ");

        Assert.Throws<PerfGateException>(() => BaselineApprover.Approve(Paths, "tiny", false, null));
        Assert.Equal(before, File.ReadAllText(Counts)); // the valid counts candidate waited too
        Assert.True(File.Exists(Received));
    }

    [Fact]
    public void A_received_file_for_another_model_is_refused()
    {
        Check(SyntheticResults.Noisy(100));
        File.WriteAllText(Received, File.ReadAllText(Received).Replace("\"model\": \"tiny\"", "\"model\": \"other\""));

        var e = Assert.Throws<PerfGateException>(() => BaselineApprover.Approve(Paths, "tiny", false, null));
        Assert.Equal("PG0203", e.Code);
        Assert.False(File.Exists(Verified));
    }

    [Fact]
    public void A_corrupt_verified_file_is_fixed_by_re_approving()
    {
        Approve(SyntheticResults.Noisy(100));
        File.WriteAllText(Verified, "<<<<<<< HEAD\n");
        Assert.Throws<PerfGateException>(() => Check(SyntheticResults.Noisy(100)));
        File.WriteAllText(Received, BaselineJson.Write(Baseline.From([SyntheticResults.Noisy(100)], "test", null)));

        var approved = Assert.Single(BaselineApprover.Approve(Paths, "tiny", false, null));

        Assert.StartsWith("replaces an unreadable verified file (PG0201", approved.Changes[0]);
        Assert.Equal(Verdict.Pass, Check(SyntheticResults.Noisy(100, seed: 7)).Verdict.Verdict);
    }

    [Fact]
    public void Record_merges_several_runs_into_one_received_baseline_that_keeps_each_runs_median()
    {
        var runs = new[] { 100.0, 92, 108 }.Select((ips, i) => SyntheticResults.Noisy(ips, seed: 10 + i)).ToArray();
        var measurer = FakeMeasurer.Of(runs);

        new GateRun(Paths, ToleranceConfig.Defaults, measurer, "test", null).Snapshot("tiny", Options with { Runs = 3 });

        Assert.Equal(3, measurer.Asked.Count);
        var received = BaselineJson.Read(Received, "tiny");
        Assert.Equal(3, received.Provenance.Runs);
        var batch1 = received.Throughput[1];
        Assert.Equal(3, batch1.RunMedians.Length);
        Assert.Equal(90, batch1.NormalizedSamples.Length); // 30 rounds from each run
        Assert.InRange(batch1.RunSpread, 0.06, 0.10); // runs at 92 and 108 around ~100
        Assert.True(File.Exists(CountsReceived));
    }
}
