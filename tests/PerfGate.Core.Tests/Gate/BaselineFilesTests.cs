using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

/// <summary>Baseline files on disk: stable form, every bad-file case, check's received files, and approval.</summary>
public sealed class BaselineFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("perfgate-baselines").FullName;
    private BaselinePaths Paths => new(_root);
    private string Verified => Paths.Verified("tiny", SyntheticResults.Cpu.Class);
    private string Received => Paths.Received("tiny", SyntheticResults.Cpu.Class);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Approve(Core.Measurements.MeasurementResult result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Verified)!);
        File.WriteAllText(Verified, BaselineJson.Write(Baseline.From(result, "test", "abc")));
    }

    private CheckSession Session => new(Paths, ToleranceConfig.Defaults, "test", null);

    [Fact]
    public void Baselines_are_written_sorted_lf_terminated_and_read_back_equal()
    {
        var baseline = Baseline.From(SyntheticResults.Noisy(100), "0.1.0", "abc");
        var text = BaselineJson.Write(baseline);
        var path = Path.Combine(_root, "b.json");
        File.WriteAllText(path, text);

        Assert.DoesNotContain("\r", text);
        Assert.EndsWith("}\n", text);
        var keys = text.Split('\n').Where(l => l.StartsWith("  \"")).Select(l => l.Trim().Split('"')[1]).ToArray();
        Assert.Equal(["counted", "deviceClass", "model", "provenance", "schemaVersion", "throughput"], keys);
        Assert.True(text.IndexOf("\"1\":", StringComparison.Ordinal) < text.IndexOf("\"8\":", StringComparison.Ordinal));
        Assert.Equal(text, BaselineJson.Write(BaselineJson.Read(path))); // stable through a round trip
        Assert.DoesNotContain(Environment.MachineName, text);
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "truncated", "PG0201", "not valid baseline JSON" },
        { "schema", "PG0202", "schemaVersion must be 1" },
        { "negative", "PG0204", "is negative" },
        { "nan", "PG0201", "not valid baseline JSON" },
        { "zero-throughput", "PG0204", "not a positive number" },
        { "other-model", "PG0203", "is for model 'other'" },
        { "not-an-object", "PG0201", "does not hold a JSON object" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_baseline_is_reported_with_file_and_reason_and_nothing_is_overwritten(string kind, string code, string reason)
    {
        var good = BaselineJson.Write(Baseline.From(SyntheticResults.Noisy(100), "test", null));
        var bad = kind switch
        {
            "truncated" => good[..(good.Length / 2)],
            "schema" => good.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 7"),
            "negative" => good.Replace("\"params\": 5000", "\"params\": -5000"),
            "nan" => good.Replace("\"imagesPerSecMedian\": ", "\"imagesPerSecMedian\": NaN, \"x\": "),
            "zero-throughput" => ReplaceFirst(good, "\"normalizedMedian\": ", "\"normalizedMedian\": 0, \"was\": "),
            "other-model" => good.Replace("\"model\": \"tiny\"", "\"model\": \"other\""),
            _ => "[1, 2, 3]",
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Verified)!);
        File.WriteAllText(Verified, bad);

        var e = Assert.Throws<PerfGateException>(() => Session.Check(SyntheticResults.Noisy(100), remeasure: null));

        Assert.Equal(code, e.Code);
        Assert.Contains(reason, e.Message);
        Assert.Equal(Verified, e.File);
        Assert.Equal(ExitCodes.BadInput, e.ExitCode);
        Assert.Equal(bad, File.ReadAllText(Verified)); // left as it was
        Assert.False(File.Exists(Received)); // and nothing written beside it
        if (kind is "negative" or "schema" or "other-model") Assert.True(e.Line > 1, $"line {e.Line}");
    }

    [Fact]
    public void A_new_device_writes_the_received_file_only()
    {
        var verdict = Session.Check(SyntheticResults.Noisy(100), remeasure: null);
        Assert.Equal(Verdict.New, verdict.Verdict);
        Assert.True(File.Exists(Received));
        Assert.False(File.Exists(Verified));
    }

    [Fact]
    public void A_failure_writes_the_candidate_and_leaves_the_verified_file_alone()
    {
        Approve(SyntheticResults.Noisy(100));
        var before = File.ReadAllText(Verified);

        var verdict = Session.Check(SyntheticResults.Noisy(100, layers: SyntheticResults.WidenedLayers), remeasure: null);

        Assert.Equal(Verdict.Fail, verdict.Verdict);
        Assert.Equal(before, File.ReadAllText(Verified));
        Assert.Contains("1066668", File.ReadAllText(Received));
    }

    [Fact]
    public void A_pass_removes_a_stale_received_file()
    {
        Approve(SyntheticResults.Noisy(100));
        File.WriteAllText(Received, "stale");
        Assert.Equal(Verdict.Pass, Session.Check(SyntheticResults.Noisy(100, seed: 2), remeasure: null).Verdict);
        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void A_suspected_regression_is_measured_again_before_failing()
    {
        Approve(SyntheticResults.Noisy(100));
        IReadOnlyList<int>? asked = null;

        var verdict = Session.Check(SyntheticResults.Noisy(50, seed: 3), batches =>
        {
            asked = batches;
            return SyntheticResults.Noisy(100, seed: 4, batches: batches.ToArray()); // the machine was only busy the first time
        });

        Assert.Equal([1, 8], asked);
        Assert.Equal(Verdict.Pass, verdict.Verdict);
    }

    [Fact]
    public void Approve_moves_received_onto_verified_and_says_what_changed()
    {
        Approve(SyntheticResults.Noisy(100));
        Session.Check(SyntheticResults.Noisy(100, layers: SyntheticResults.WidenedLayers), remeasure: null);

        var approved = BaselineApprover.Approve(Paths, "tiny", force: false, ciVariable: null);

        var one = Assert.Single(approved);
        Assert.Contains("conv1: flops: 800,000 → 1,066,668", one.Changes);
        Assert.False(File.Exists(Received));
        Assert.Contains("1066668", File.ReadAllText(Verified));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Verified)!, "*.tmp"));
        Assert.Equal(Verdict.Pass, Session.Check(SyntheticResults.Noisy(100, seed: 5, layers: SyntheticResults.WidenedLayers), remeasure: null).Verdict);
    }

    [Fact]
    public void Approve_is_refused_on_ci_unless_forced()
    {
        Session.Check(SyntheticResults.Noisy(100), remeasure: null);

        var e = Assert.Throws<PerfGateException>(() => BaselineApprover.Approve(Paths, null, force: false, ciVariable: "true"));
        Assert.Equal("PG0401", e.Code);
        Assert.True(File.Exists(Received));
        Assert.False(File.Exists(Verified));

        Assert.Single(BaselineApprover.Approve(Paths, null, force: true, ciVariable: "true"));
        Assert.True(File.Exists(Verified));
    }

    [Fact]
    public void A_corrupt_received_file_is_not_approved()
    {
        Approve(SyntheticResults.Noisy(100));
        var before = File.ReadAllText(Verified);
        File.WriteAllText(Received, "{ \"schemaVersion\": 1, ");

        Assert.Throws<PerfGateException>(() => BaselineApprover.Approve(Paths, "tiny", false, null));
        Assert.Equal(before, File.ReadAllText(Verified));
        Assert.True(File.Exists(Received));
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return text[..at] + with + text[(at + what.Length)..];
    }
}
