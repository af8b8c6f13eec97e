using System.Text.Json;
using System.Text.Json.Nodes;
using PerfGate.Core;

namespace PerfGate.Torch.Tests.Cli;

/// <summary>
/// The third sweep's bugs as a user met them on the command line: a recorded check against a baselines folder that does not
/// exist, a results file whose samples are all equal, `stability --json` without a JSON error, and an I/O error whose JSON
/// document lost its file.
/// </summary>
public sealed class SweepCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-sweep-cli").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => InProcessCli.Run(args);

    private string Baselines() => CliFixtures.CopyBaselines(Path.Combine(_dir, "baselines"));

    private string Results(Action<JsonNode>? change = null) => CliFixtures.Results(_dir, change);

    [Fact]
    public void Check_results_against_a_missing_baselines_folder_fails_and_creates_nothing()
    {
        var missing = Path.Combine(_dir, "x", "none");

        var (code, _, err) = Run("check", "--results", Results(), "--baselines", missing, "--out", Path.Combine(_dir, "out"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{missing}: error PG0201", err);
        Assert.False(Directory.Exists(missing)); // so a second run cannot find a folder and pass as NEW
    }

    [Fact]
    public void Results_whose_samples_are_all_equal_get_a_verdict_not_an_internal_error()
    {
        var results = Results(r =>
        {
            foreach (var batch in r["batches"]!.AsArray())
            {
                var samples = batch!["normalizedSamples"]!.AsArray();
                var first = samples[0]!.GetValue<double>();
                for (var i = 0; i < samples.Count; i++)
                    samples[i] = first;
            }
        });

        var (code, output, err) = Run("check", "--results", results, "--baselines", Baselines(), "--out", Path.Combine(_dir, "out"));

        Assert.DoesNotContain("PG0999", err);
        Assert.Contains(code, new[] { ExitCodes.Success, ExitCodes.GateFailed, ExitCodes.Inconclusive });
        Assert.Contains("Overall:", output);
    }

    [Fact]
    public void Stability_json_prints_one_json_error_document()
    {
        var (code, output, _) = Run("stability", Path.Combine(_dir, "a.json"), Path.Combine(_dir, "b.json"), "--json");

        Assert.Equal(ExitCodes.BadInput, code);
        using var doc = JsonDocument.Parse(output);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal("PG0007", error.GetProperty("code").GetString());
        Assert.Equal(Path.Combine(_dir, "a.json"), error.GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("line").ValueKind); // no line is known: null, not 0
    }

    [Fact]
    public void A_model_that_throws_among_several_is_reported_and_the_others_are_still_gated()
    {
        var baselines = Directory.CreateDirectory(Path.Combine(_dir, "user-baselines")).FullName;
        var assembly = typeof(SweepThrowingWorkload).Assembly.Location;

        var (code, output, err) = Run(
            "check",
            "--assembly",
            assembly,
            "--model",
            "sweep-throws+sweep-works",
            "--counts-only",
            "--baselines",
            baselines,
            "--out",
            Path.Combine(_dir, "out")
        );

        Assert.Equal(ExitCodes.MeasuredProcessFailed, code);
        Assert.Contains("PG0004", output);
        Assert.Contains("the weights file is missing", output);
        Assert.Contains("PG1009", output); // sweep-works: its new counts, gated
        Assert.True(File.Exists(Path.Combine(baselines, "sweep-works", "counts.received.json")));
        Assert.DoesNotContain("PG0999", err);
    }

    [Fact]
    public void Profile_without_a_batch_profiles_the_largest_batch_size_the_workload_declares()
    {
        var assembly = typeof(SweepWorkingWorkload).Assembly.Location;

        var (code, output, err) = Run("profile", "--assembly", assembly, "--model", "sweep-works", "--max-seconds", "2", "--json");

        Assert.True(code == ExitCodes.Success, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(8, doc.RootElement.GetProperty("batch").GetInt32()); // declared [1, 8]; it profiled 16 before
    }

    [Fact]
    public void Models_lists_a_declared_model_of_a_built_in_name_once_saying_it_replaces_the_built_in()
    {
        // Declared in the test, not in this assembly: the repository's own gate measures this assembly's alexnet.
        var own = new PerfGate.Torch.Workloads.Workload("alexnet", "a user's own", [8], () => TorchSharp.torch.nn.Linear(8, 2));

        var rows = PerfGate.Torch.Gate.TorchRunner.List([own]);

        var alexnet = Assert.Single(rows, m => m.Name == "alexnet");
        Assert.Equal("declared (replaces the built-in)", alexnet.Source);
        Assert.Equal("a user's own", alexnet.Description);
    }

    [Fact]
    public void Flops_of_a_model_that_throws_is_the_models_failure_not_perfgates()
    {
        var (code, _, err) = Run("flops", "--assembly", typeof(SweepThrowingWorkload).Assembly.Location, "--model", "sweep-throws");

        Assert.Equal(ExitCodes.MeasuredProcessFailed, code);
        Assert.Contains("error PG0004", err);
        Assert.Contains("the weights file is missing", err);
        Assert.DoesNotContain("PG0999", err);
    }

    [Fact]
    public void Arithmetic_written_in_a_forward_is_named_as_what_the_counted_gate_does_not_see()
    {
        var assembly = typeof(SweepFunctionalWorkload).Assembly.Location;

        var (flopsCode, flops, _) = Run("flops", "--assembly", assembly, "--model", "sweep-functional");
        var (code, output, err) = Run("profile", "--assembly", assembly, "--model", "sweep-functional", "--max-seconds", "3");

        Assert.Equal(ExitCodes.Success, flopsCode);
        Assert.Contains("leaf layers only: arithmetic written in a forward (x + y, matmul, softmax) is not counted", flops);
        Assert.True(code == ExitCodes.Success, err);
        // At batch 512: two matmuls of 512x512x512 MACs beside two Linear(512, 512) of as many each: half the arithmetic is outside
        // the layers (a pass of milliseconds, the hooks cost little); 10% warns.
        Assert.Contains("of the forward pass runs outside its layers", output);
        Assert.Contains("the counted gate does not see it", output);
    }

    [Fact]
    public void A_file_perfgate_cannot_write_is_named_in_the_json_error()
    {
        var (code, output, _) = Run("check", "--results", Results(), "--baselines", Baselines(), "--summary", _dir, "--json");

        Assert.Equal(ExitCodes.PerfGateFailed, code);
        using var doc = JsonDocument.Parse(output);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal("PG0011", error.GetProperty("code").GetString());
        Assert.Equal(_dir, error.GetProperty("file").GetString());
    }
}
