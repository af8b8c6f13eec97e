using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Serialization;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

/// <summary>
/// What users type and commit, refused with PerfGate's own words: model names in any case or none at all, MSBuild property
/// values, oversized files, JSON errors with 1-based lines, and figures that disagree with their provenance.
/// </summary>
public sealed class InputValidationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("perfgate-input").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("AlexNet", "alexnet")]
    [InlineData("  ALEXNET ", "alexnet")]
    [InlineData("Tiny-CNN", "tiny-cnn")]
    public void A_name_in_another_case_resolves_to_the_declared_spelling(string typed, string declared) =>
        Assert.Equal(declared, ModelName.Resolve(typed, ["alexnet", "mlp-stack-1", "tiny-cnn"]));

    [Fact]
    public void Two_models_that_differ_only_in_case_cannot_be_told_apart()
    {
        Assert.Equal("Tiny", ModelName.Resolve("Tiny", ["tiny", "Tiny"])); // exact spelling still chooses
        Assert.Equal("PG0012", Assert.Throws<PerfGateException>(() => ModelName.Resolve("TINY", ["tiny", "Tiny"])).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(";")]
    [InlineData(" ; ;")]
    public void A_selection_that_names_nothing_is_refused_not_read_as_the_default(string given)
    {
        var e = Assert.Throws<PerfGateException>(() =>
            new CheckRequest([given], false, null, null, null, _root, null, 10, 1, "cpu").Validate()
        );
        Assert.Equal("PG0012", e.Code);
    }

    [Fact]
    public void The_selected_models_come_back_in_their_declared_spelling_and_once()
    {
        var request = new CheckRequest(["AlexNet;alexnet", "TINY-cnn"], false, null, null, null, _root, null, 10, 1, "cpu").Validate();
        Assert.Equal(["alexnet", "tiny-cnn"], request.SelectModels(["tiny-cnn"], ["alexnet", "mlp-stack-1"]));
        Assert.Equal("PG0002", Assert.Throws<PerfGateException>(() => request.SelectModels([], ["alexnet"])).Code);
    }

    [Fact]
    public void Approve_finds_the_baselines_folder_in_its_own_spelling()
    {
        Directory.CreateDirectory(Path.Combine(_root, "alexnet"));
        Assert.Equal("alexnet", new BaselinePaths(_root).ExistingModel("AlexNet"));
        Assert.Equal("nothing-here", new BaselinePaths(_root).ExistingModel("nothing-here"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1e9")]
    [InlineData("4,5")]
    public void A_bad_seconds_property_is_pg0016_naming_it(string value)
    {
        var e = Assert.Throws<PerfGateException>(() => BuildProperty.Seconds("PerfGateMaxSeconds", value, 30));
        Assert.Equal("PG0016", e.Code);
        Assert.StartsWith($"PerfGateMaxSeconds is '{value}'", e.Message);
    }

    [Fact]
    public void Good_property_values_parse_and_empty_means_the_default()
    {
        Assert.Equal(2.5, BuildProperty.Seconds("PerfGateMaxSeconds", " 2.5 ", 30));
        Assert.Equal(30, BuildProperty.Seconds("PerfGateMaxSeconds", "", 30));
        Assert.True(BuildProperty.Bool("PerfGateStrict", "True", false));
        Assert.False(BuildProperty.Bool("PerfGateStrict", null, false));
        Assert.Equal("cpu", BuildProperty.Choice("PerfGateDevice", "CPU", "auto", "auto", "cpu", "cuda"));
        Assert.Equal(4, BuildProperty.Whole("PerfGateThreads", "4", 1, 1, 64));
        Assert.True(BuildProperty.Bool("PerfGateStrict", "yes", false)); // as MSBuild's own conditions read it
        Assert.Equal("PG0016", Assert.Throws<PerfGateException>(() => BuildProperty.Bool("PerfGateStrict", "maybe", false)).Code);
        Assert.Equal("PG0016", Assert.Throws<PerfGateException>(() => BuildProperty.Whole("PerfGateThreads", "0", 1, 1, 64)).Code);
        Assert.Equal(
            "PG0016",
            Assert.Throws<PerfGateException>(() => BuildProperty.Choice("PerfGateDevice", "gpu", "auto", "auto", "cpu", "cuda")).Code
        );
        Assert.Equal("2/3", BuildProperty.ShardOf("PerfGateShard", " 2/3"));
        Assert.Null(BuildProperty.ShardOf("PerfGateShard", ""));
        Assert.StartsWith(
            "PerfGateShard is '4/3'",
            Assert.Throws<PerfGateException>(() => BuildProperty.ShardOf("PerfGateShard", "4/3")).Message
        );
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        var path = Path.Combine(_root, "huge.verified.json");
        using (var file = File.Create(path))
            file.SetLength(InputText.MaxBytes + 1); // sparse: no 64 MiB written
        var e = Assert.Throws<PerfGateException>(() => BaselineJson.Read(path));
        Assert.Equal("PG0201", e.Code);
        Assert.Equal(path, e.File);
        Assert.Contains("at most 64 MiB", e.Message);
    }

    [Theory]
    [InlineData("{\n  \"schemaVersion\": 2,\n  \"modle\": \"x\"\n}", "'modle' is not a known key", 3)]
    [InlineData("{\n  \"schemaVersion\": 2,\n  \"model\": 12\n}", "a value has the wrong type (at $.model)", 3)]
    [InlineData("{\n  \"schemaVersion\": 2,\n  \"schemaVersion\": 2\n}", "appears twice", 3)]
    [InlineData("{\n  \"schemaVersion\": 2,\n  /* note */\n}", "a comment (// or /* */) at column 3", 3)]
    public void Json_errors_are_perfgates_own_words_with_a_one_based_line(string text, string reason, int line)
    {
        var path = Path.Combine(_root, "b.verified.json");
        File.WriteAllText(path, text);
        var e = Assert.Throws<PerfGateException>(() => BaselineJson.Read(path));
        Assert.Contains(reason, e.Message);
        Assert.Equal(line, e.Line);
        Assert.DoesNotContain("LineNumber", e.Message);
        Assert.DoesNotContain("System.", e.Message);
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("samples")]
    public void Figures_that_disagree_with_their_provenance_are_refused(string tamper)
    {
        var text = BaselineJson.Write(Baseline.From([SyntheticResults.Noisy(100)], "test", null));
        var bad =
            tamper == "runs"
                ? text.Replace("\"runMedians\": [", "\"runMedians\": [1, 2, ")
                : text.Replace("\"sampleCount\": 60", "\"sampleCount\": 61");
        Assert.NotEqual(text, bad);
        var path = Path.Combine(_root, "t.verified.json");
        File.WriteAllText(path, bad);

        var e = Assert.Throws<PerfGateException>(() => BaselineJson.Read(path));

        Assert.Equal("PG0204", e.Code);
        Assert.Contains(tamper == "runs" ? "provenance.runs" : "provenance.sampleCount", e.Message);
    }
}
