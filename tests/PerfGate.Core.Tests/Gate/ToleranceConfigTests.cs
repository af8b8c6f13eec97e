using PerfGate.Core.Gate;

namespace PerfGate.Core.Tests.Gate;

public class ToleranceConfigTests
{
    private const string Path = "baselines/perfgate.tolerances.json";

    [Fact]
    public void Defaults_apply_where_nothing_overrides_them()
    {
        var config = ToleranceConfig.Parse("""{ "version": 1 }""", Path);
        Assert.Equal(Tolerance.Default, config.For("alexnet", 8));
    }

    [Fact]
    public void Model_and_batch_overrides_inherit_the_rest()
    {
        var config = ToleranceConfig.Parse(
            """
            { "version": 1,
              "defaults": { "alpha": 0.05 },
              "models": { "alexnet": { "throughputRegression": 0.08, "batches": { "32": { "minSamples": 4 } } } } }
            """,
            Path
        );

        Assert.Equal(new Tolerance(0.05, 0.05, 5, 0.10), config.For("mlp", 1));
        Assert.Equal(new Tolerance(0.08, 0.05, 5, 0.10), config.For("alexnet", 8));
        Assert.Equal(new Tolerance(0.08, 0.05, 4, 0.10), config.For("alexnet", 32));
    }

    [Fact]
    public void A_runner_drift_is_read_where_declared_and_unset_elsewhere()
    {
        var config = ToleranceConfig.Parse("""{ "version": 1, "models": { "alexnet": { "runnerDrift": 0.02 } } }""", Path);
        Assert.Equal(0.02, config.For("alexnet", 8).RunnerDrift);
        Assert.Null(config.For("mlp", 8).RunnerDrift); // the gate then assumes a shared machine's drift
    }

    [Theory]
    [InlineData("""{ "version": 1, "defaults": { "threshold": 0.05 } }""", "'defaults.threshold' is not a known key", 1)]
    [InlineData("{ \"version\": 1,\n  \"defaults\": {\n    \"alpha\": 0.9 } }", "'defaults.alpha' must lie between 0 and 0.5", 3)]
    [InlineData(
        """{ "version": 1, "models": { "alexnet": { "batches": { "big": {} } } } }""",
        "'models.alexnet.batches.big' is not a positive batch size",
        1
    )]
    [InlineData("""{ "version": 1, "defaults": { "minSamples": 2.5 } }""", "'defaults.minSamples' must be a whole number", 1)]
    [InlineData("""{ "version": 2 }""", "'version' must be 1", 1)]
    [InlineData("""{ "version": 1, "defaults": { "runnerDrift": 1.5 } }""", "'defaults.runnerDrift' must lie between 0 (inclusive)", 1)]
    [InlineData("""{ "versoin": 1 }""", "'versoin' is not a known key", 1)]
    [InlineData("""{ "version": 1, """, "not a valid tolerances file: the file ends before the JSON does", 1)]
    [InlineData("{ \"version\": 1,\n  // a comment\n  \"defaults\": {} }", "a comment (// or /* */) at column 3", 2)]
    public void An_invalid_config_names_the_file_the_key_and_the_line(string text, string message, int line)
    {
        var e = Assert.Throws<PerfGateException>(() => ToleranceConfig.Parse(text, Path));
        Assert.Equal("PG0301", e.Code);
        Assert.Equal(Path, e.File);
        Assert.Contains(message, e.Message);
        Assert.Equal(line, e.Line);
        Assert.Equal(ExitCodes.BadInput, e.ExitCode);
    }

    [Fact]
    public void The_committed_config_is_valid()
    {
        var config = ToleranceConfig.Load(System.IO.Path.Combine(Repository.RepositoryRoot.Path, "baselines"));
        Assert.NotNull(config.Source);
    }

    [Fact]
    public void An_override_for_a_model_that_does_not_exist_is_an_error_not_ignored()
    {
        var path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("perfgate-tol").FullName, ToleranceConfig.FileName);
        File.WriteAllText(path, "{ \"version\": 1,\n  \"models\": {\n    \"alexnett\": { \"throughputRegression\": 0.08 }\n  }\n}\n");
        var config = ToleranceConfig.Load(System.IO.Path.GetDirectoryName(path)!);

        var e = Assert.Throws<PerfGateException>(() => config.CheckModelsExist(["alexnet", "mlp-stack-1"]));

        Assert.Equal("PG0301", e.Code);
        Assert.Equal(path, e.File);
        Assert.Equal(3, e.Line); // the line of "alexnett"
        config.CheckModelsExist(["alexnett"]); // a model that exists is fine
    }
}

public class ToleranceModelSpellingTests
{
    [Fact]
    public void An_override_in_another_case_names_the_declared_spelling()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfgate-tol").FullName, ToleranceConfig.FileName);
        File.WriteAllText(path, "{ \"version\": 1,\n  \"models\": {\n    \"AlexNet\": { \"throughputRegression\": 0.1 } } }");
        var config = ToleranceConfig.Parse(File.ReadAllText(path), path);

        var e = Assert.Throws<PerfGateException>(() => config.CheckModelsExist(["alexnet"]));

        Assert.Equal("PG0301", e.Code);
        Assert.Contains("declared spelling, 'alexnet'", e.Message);
        Assert.Equal(3, e.Line);
    }
}
