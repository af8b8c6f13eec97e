using PerfGate.Core.Measurements;

namespace PerfGate.Core.Tests.Measurements;

public sealed class MeasurementFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-results").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_written_result_reads_back_equal_and_the_csvs_have_a_row_per_batch_and_round()
    {
        var result = SyntheticResults.Result(rounds: 5, batches: [1, 4]);

        var files = ResultFiles.Write(result, _dir);
        var back = ResultReader.Read(Path.Combine(_dir, "tiny.json"));

        Assert.Equal(3, files.Count);
        Assert.Equal(result.Batches.Select(b => b.ImagesPerSec), back.Batches.Select(b => b.ImagesPerSec));
        Assert.Equal(result.Fingerprint, back.Fingerprint);
        Assert.Equal(1 + 2, File.ReadAllLines(Path.Combine(_dir, "tiny.csv")).Length);
        Assert.Equal(1 + 2 * 5, File.ReadAllLines(Path.Combine(_dir, "tiny.samples.csv")).Length);
        Assert.StartsWith("model,device_class,batch,rounds,images_per_sec_median", File.ReadAllText(Path.Combine(_dir, "tiny.csv")));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp*"));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<PerfGateException>(() => ResultReader.Read(Path.Combine(_dir, "nope.json")));
        Assert.Equal("PG0007", e.Code);
        Assert.EndsWith("nope.json", e.File);
    }

    [Fact]
    public void A_truncated_file_is_named_with_its_line()
    {
        var path = Path.Combine(_dir, "cut.json");
        var text = SyntheticResults.Result().ToJson();
        File.WriteAllText(path, text[..(text.Length / 2)]);

        var e = Assert.Throws<PerfGateException>(() => ResultReader.Read(path));
        Assert.Equal(path, e.File);
        Assert.True(e.Line > 1);
        Assert.Contains("not a valid results file", e.Message);
    }

    [Fact]
    public void Another_schema_version_is_refused()
    {
        var path = Path.Combine(_dir, "old.json");
        File.WriteAllText(path, (SyntheticResults.Result() with { SchemaVersion = 99 }).ToJson());
        var e = Assert.Throws<PerfGateException>(() => ResultReader.Read(path));
        Assert.Contains("schemaVersion 99", e.Message);
    }

    [Theory]
    [InlineData("4, 1,2,2", new[] { 1, 2, 4 })]
    [InlineData("8", new[] { 8 })]
    public void Batch_lists_parse_sorted_and_unique(string text, int[] expected) => Assert.Equal(expected, MeasurePlan.ParseBatches(text));

    [Theory]
    [InlineData("1,x")]
    [InlineData("0")]
    [InlineData(" , ")]
    public void Bad_batch_lists_are_usage_errors(string text) =>
        Assert.Equal(ExitCodes.BadInput, Assert.Throws<PerfGateException>(() => MeasurePlan.ParseBatches(text)).ExitCode);
}
