using System.Diagnostics;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

/// <summary>
/// The third bad-input and fault sweep's bugs in the core, each reproduced as the sweep found it: a half-done approve, the size
/// cap bypassed by a link or a pipe, a missing baselines folder passing a recorded check, a key twice in the tolerances, a
/// tolerances folder taken for defaults, identical samples crashing the verdict, and a full disk leaving an empty file.
/// </summary>
public sealed class SweepThreeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("perfgate-sweep").FullName;
    private BaselinePaths Paths => new(_root);
    private string Verified => Paths.Verified("tiny", SyntheticResults.Cpu.Class);
    private string Received => Paths.Received("tiny", SyntheticResults.Cpu.Class);
    private string Counts => Paths.CountsVerified("tiny");
    private string CountsReceived => Paths.CountsReceived("tiny");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Verified counts and throughput of the plain model, and both received files of the widened one pending.</summary>
    private void BothPending()
    {
        var before = SyntheticResults.Noisy(100);
        var after = SyntheticResults.Noisy(100, seed: 3, layers: SyntheticResults.WidenedLayers);
        Directory.CreateDirectory(Path.GetDirectoryName(Verified)!);
        File.WriteAllText(Counts, BaselineJson.Write(CountsBaseline.From(before)));
        File.WriteAllText(Verified, BaselineJson.Write(Baseline.From([before], "test", "abc")));
        File.WriteAllText(CountsReceived, BaselineJson.Write(CountsBaseline.From(after)));
        File.WriteAllText(Received, BaselineJson.Write(Baseline.From([after], "test", "def")));
    }

    [Fact]
    public void Approve_changes_all_of_a_models_files_or_none_when_a_later_verified_file_cannot_be_replaced()
    {
        BothPending();
        var counts = File.ReadAllText(Counts);
        var pending = (File.ReadAllText(CountsReceived), File.ReadAllText(Received));
        // The sweep made the device's verified file immutable (chattr +i); a folder in its place fails the same rename, after
        // the counts file (first in order) was already moved.
        File.Delete(Verified);
        Directory.CreateDirectory(Verified);
        File.WriteAllText(Path.Combine(Verified, "keep"), "x");

        var e = Assert.Throws<PerfGateException>(() => BaselineApprover.Approve(Paths, "tiny", force: false, ciVariable: null));

        Assert.Equal("PG0011", e.Code);
        Assert.Equal(Verified, e.File);
        Assert.Contains("Nothing was approved (1 file(s) already moved were put back)", e.Message);
        Assert.Equal(counts, File.ReadAllText(Counts));
        Assert.Equal(pending, (File.ReadAllText(CountsReceived), File.ReadAllText(Received)));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Counts)!, ".*"));
    }

    [Fact]
    public void Approve_of_several_models_moves_none_when_one_fails()
    {
        BothPending();
        var other = Paths.CountsReceived("zz-other");
        Directory.CreateDirectory(Path.GetDirectoryName(other)!);
        File.WriteAllText(other, BaselineJson.Write(CountsBaseline.From(SyntheticResults.Noisy(100, model: "zz-other"))));
        Directory.CreateDirectory(Paths.CountsVerified("zz-other")); // in the way: the last file cannot be moved
        var counts = File.ReadAllText(Counts);

        Assert.Throws<PerfGateException>(() => BaselineApprover.ApproveAll(Paths, [null], false, null, "unused"));

        Assert.Equal(counts, File.ReadAllText(Counts));
        Assert.True(File.Exists(CountsReceived));
        Assert.True(File.Exists(Received));
    }

    [Fact]
    public void A_received_file_that_is_a_link_is_not_approved()
    {
        BothPending();
        var outside = Path.Combine(_root, "outside.json");
        File.Move(Received, outside);
        File.CreateSymbolicLink(Received, outside);
        var verified = File.ReadAllText(Verified);

        var e = Assert.Throws<PerfGateException>(() => BaselineApprover.Approve(Paths, "tiny", false, null));

        Assert.Equal("PG0201", e.Code);
        Assert.Contains("symbolic link", e.Message);
        Assert.Equal(verified, File.ReadAllText(Verified));
        Assert.Null(new FileInfo(Verified).LinkTarget);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public void A_baseline_linked_to_an_endless_device_is_refused_at_once(string device)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Counts)!);
        File.CreateSymbolicLink(Counts, device);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<PerfGateException>(() => BaselineJson.ReadCounts(Counts, "tiny"));

        Assert.Equal("PG0201", e.Code);
        Assert.Equal(Counts, e.File);
        Assert.Contains("not a regular file", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_file_that_grows_past_the_cap_while_read_is_cut_at_the_cap()
    {
        // A file's stated size is checked first; the read itself stops at the cap too, whatever the size said.
        var path = Path.Combine(_root, "big.json");
        using (var file = File.Create(path))
            file.SetLength(InputText.MaxBytes + 10);
        var e = Assert.Throws<PerfGateException>(() => InputText.Read(path, "PG0007", "results file"));
        Assert.Contains("at most 64 MiB", e.Message);
    }

    [Fact]
    public async Task A_pipe_as_the_tolerances_file_is_refused_instead_of_waited_on()
    {
        var path = Path.Combine(_root, ToleranceConfig.FileName);
        using (var mkfifo = Process.Start("mkfifo", path))
            await mkfifo.WaitForExitAsync();
        Assert.True(File.Exists(path));

        var load = Task.Run(() => ToleranceConfig.Load(_root));

        Assert.Same(load, await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(10)))); // no writer ever comes
        var e = await Assert.ThrowsAsync<PerfGateException>(() => load);
        Assert.Equal("PG0301", e.Code);
        Assert.Equal(path, e.File);
    }

    [Fact]
    public void A_tolerances_path_that_is_a_folder_is_refused_not_taken_for_the_defaults()
    {
        Directory.CreateDirectory(Path.Combine(_root, ToleranceConfig.FileName));

        var e = Assert.Throws<PerfGateException>(() => ToleranceConfig.Load(_root));

        Assert.Equal("PG0301", e.Code);
        Assert.Contains("is a folder, not a file", e.Message);
    }

    [Theory]
    [InlineData("{ \"version\": 1,\n  \"defaults\": { \"alpha\": 0.01,\n    \"alpha\": 0.02 } }", "alpha", 3)]
    [InlineData(
        "{ \"version\": 1, \"models\": {\n  \"alexnet\": { \"throughputRegression\": 0.05 },\n  "
            + "\"alexnet\": { \"throughputRegression\": 0.4 } } }",
        "alexnet",
        3
    )]
    public void A_key_twice_in_the_tolerances_is_refused_naming_its_line(string text, string key, int line)
    {
        var e = Assert.Throws<PerfGateException>(() => ToleranceConfig.Parse(text, "baselines/perfgate.tolerances.json"));

        Assert.Equal("PG0301", e.Code);
        Assert.Contains($"the key '{key}' appears twice", e.Message);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void A_recorded_check_refuses_a_missing_baselines_folder_and_creates_nothing()
    {
        var results = Path.Combine(_root, "results");
        ResultFiles.Write(SyntheticResults.Noisy(100), results);
        var missing = Path.Combine(_root, "x", "none");
        var request = new CheckRequest([], false, null, null, Path.Combine(results, "tiny.json"), missing, null, 10, 1, "cpu");

        var e = Assert.Throws<PerfGateException>(() => ResultsFileCheck.Check(GateSetup.Load(request), "test", null));

        Assert.Equal("PG0201", e.Code);
        Assert.Equal(missing, e.File);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Identical_samples_are_judged_not_a_crash()
    {
        var still = SyntheticResults.Noisy(100, noise: 0);
        Assert.Single(still.Batches[0].NormalizedSamples.Distinct());
        Directory.CreateDirectory(Path.GetDirectoryName(Verified)!);
        File.WriteAllText(Counts, BaselineJson.Write(CountsBaseline.From(still)));
        File.WriteAllText(Verified, BaselineJson.Write(Baseline.From([still], "test", "abc")));

        var outcome = new GateRun(Paths, ToleranceConfig.Defaults, FakeMeasurer.Of(still), "test", null).Check(
            "tiny",
            new GateOptions(null, 10)
        );

        Assert.Equal(Verdict.Pass, outcome.Verdict.Verdict);
    }

    [Fact]
    public void A_write_that_fails_half_way_leaves_neither_an_empty_file_nor_a_temp_and_names_the_path()
    {
        var chart = Path.Combine(_root, "report", "alexnet.throughput.png");

        var e = Assert.Throws<PerfGateException>(() => AtomicFile.WriteWith(chart, temp =>
            {
                File.WriteAllBytes(temp, []); // what a full disk leaves: the file created, nothing in it
                throw new IOException("No space left on device");
            }));

        Assert.Equal("PG0011", e.Code);
        Assert.Equal(chart, e.File);
        Assert.Contains("No space left on device", e.Message);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(chart)!, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("alexnet+tiny-cnn")]
    [InlineData("alexnet,tiny-cnn")]
    [InlineData("alexnet tiny-cnn")]
    [InlineData("alexnet%3Btiny-cnn")] // as MSBuild hands over an escaped ';': already unescaped to ';' by then, see below
    public void A_selection_msbuilds_command_line_can_carry_names_each_model(string given)
    {
        var request = new CheckRequest([given.Replace("%3B", ";")], false, null, null, null, _root, null, 10, 1, "cpu").Validate();
        Assert.Equal(["alexnet", "tiny-cnn"], request.Models);
    }

    [Fact]
    public void A_batch_that_does_not_fit_is_explained_in_numbers_that_agree()
    {
        // The sweep's vgg11 case: a 1347.9-s pass against --max-seconds 1500 (bound 1880 s) read "1348 < 1880" as a contradiction.
        var reason = MeasureBudget.RoundDoesNotFit(passSeconds: 1347.9, leftSeconds: 1830.2, elapsedSeconds: 49.8, maxSeconds: 1500);

        Assert.Contains("two forward passes of about 1347.9 s, 2695.8 s", reason);
        Assert.Contains("1830.2 s of the run's bound of 1880 s", reason);
        Assert.Contains("Give it at least 2193 s", reason); // (49.8 + 2695.8 - 5) / 1.25 = 2192.5: that budget's bound fits the round
        Assert.True(MeasurePlan.Deadline(2193) - 49.8 >= 2695.8);
    }

    [Fact]
    public void The_measure_table_keeps_a_skipped_batchs_reason_out_of_its_columns()
    {
        var result = SyntheticResults.Noisy(100, batches: [1]);
        result = result with { Batches = [.. result.Batches, BatchResult.OverBudget(4096, "a long reason " + new string('x', 150))] };

        var text = Core.Text.MeasurementText.Render(result);

        var row = text.Split('\n').Single(l => l.TrimStart().StartsWith("4096", StringComparison.Ordinal));
        Assert.Contains("skipped", row);
        Assert.DoesNotContain("long reason", row);
        Assert.Contains("batch 4096: a long reason", text);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData(" ABCDEF1 ", "abcdef1")]
    [InlineData("abc\nprovenance", null)]
    [InlineData("\u001b[31mred", null)]
    [InlineData("", null)]
    public void Only_a_commit_id_is_taken_from_a_commit_variable(string variable, string? stored) =>
        Assert.Equal(stored, GitCommit.Of(variable));

    [Fact]
    public void A_five_kilobyte_commit_variable_is_not_stored()
    {
        Assert.Null(GitCommit.Of(new string('a', 5000)));
    }

    [Fact]
    public void A_figure_past_what_a_long_holds_prints_as_itself_not_as_int64_max()
    {
        var finding = new Finding("PG1002", Verdict.Fail, "tiny", "batch 1: images/s", 1e308, 50, -1, 0.05, 0.001, "x");
        var text = Core.Text.CheckText.Render(CheckVerdicts.Of([new ModelVerdict("tiny", "cpu", Verdict.Fail, [finding], "v")], "a"));

        Assert.Contains("1.00E+308", text);
        Assert.DoesNotContain("9,223,372,036,854,775,807", text);
    }
}
