using System.Text.Json;
using PerfGate.Core;

namespace PerfGate.Torch.Tests.Cli;

/// <summary>The perfgate host, run in process: JSON shapes, exit codes, help and errors.</summary>
public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => InProcessCli.Run(args);

    [Fact]
    public void Flops_json_has_the_documented_shape_and_consistent_totals()
    {
        var (code, output, _) = Run("flops", "--model", "alexnet", "--batch", "2", "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("alexnet", root.GetProperty("model").GetString());
        Assert.Equal(2, root.GetProperty("batch").GetInt32());
        var layers = root.GetProperty("layers").EnumerateArray().ToArray();
        foreach (var key in new[] { "name", "kind", "inputShape", "outputShape", "params", "macs", "flops", "otherFlops" })
            Assert.True(layers[0].TryGetProperty(key, out _), key);
        var totals = root.GetProperty("totals");
        Assert.Equal(layers.Sum(l => l.GetProperty("flops").GetInt64()), totals.GetProperty("flops").GetInt64());
        Assert.Equal(layers.Sum(l => l.GetProperty("params").GetInt64()), totals.GetProperty("params").GetInt64());
        Assert.Equal(
            2L * 2 * 192 * 27 * 27 * 64 * 5 * 5,
            layers.Single(l => l.GetProperty("name").GetString() == "conv2").GetProperty("flops").GetInt64()
        );
    }

    [Fact]
    public void Flops_human_output_is_a_table_with_totals()
    {
        var (code, output, _) = Run("flops", "--model", "mlp-stack-2");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("affine2_relu", output);
        Assert.Contains("total", output);
        Assert.Contains("33,562,624", output); // 2 x 4096 x 4097 params
    }

    [Fact]
    public void Slope_ratios_come_out_exactly_one()
    {
        var (code, output, err) = Run("slope", "--json", "--batch", "1", "--max-seconds", "1", "--device", "cpu");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("mlp-stack-4", err); // progress goes to stderr, stdout stays one document
        using var doc = JsonDocument.Parse(output);
        var segments = doc.RootElement.GetProperty("segments").EnumerateArray().ToArray();
        Assert.Equal(2, segments.Length);
        foreach (var s in segments)
        {
            Assert.Equal(1.0, s.GetProperty("paramsRatio").GetDouble());
            Assert.Equal(1.0, s.GetProperty("flopsRatio").GetDouble());
            Assert.Equal(1.0, s.GetProperty("otherFlopsRatio").GetDouble());
            Assert.Equal(16_781_312, s.GetProperty("paramsSlope").GetDouble());
        }
    }

    [Fact]
    public void Measure_writes_json_and_csv_and_prints_the_documented_shape()
    {
        var dir = Directory.CreateTempSubdirectory("perfgate-measure").FullName;
        try
        {
            var (code, output, _) = Run(
                "measure",
                "--model",
                "mlp-stack-1",
                "--batch",
                "1,2",
                "--max-seconds",
                "1",
                "--iteration-seconds",
                "0.01",
                "--device",
                "cpu",
                "--out",
                dir,
                "--json"
            );

            Assert.Equal(ExitCodes.Success, code);
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            foreach (var key in new[] { "schemaVersion", "model", "fingerprint", "flops", "params", "batches", "flattensAtBatch" })
                Assert.True(root.TryGetProperty(key, out _), key);
            var batch = root.GetProperty("batches")[0];
            foreach (var key in new[] { "batch", "imagesPerSec", "samples", "normalizedThroughput", "efficiency" })
                Assert.True(batch.TryGetProperty(key, out _), key);
            foreach (var key in new[] { "median", "ciLow", "ciHigh" })
                Assert.True(batch.GetProperty("imagesPerSec").TryGetProperty(key, out _), key);
            Assert.True(File.Exists(Path.Combine(dir, "mlp-stack-1.json")));
            Assert.True(File.Exists(Path.Combine(dir, "mlp-stack-1.csv")));
            Assert.True(File.Exists(Path.Combine(dir, "mlp-stack-1.samples.csv")));

            var (stabilityCode, stability, _) = Run(
                "stability",
                Path.Combine(dir, "mlp-stack-1.json"),
                Path.Combine(dir, "mlp-stack-1.json")
            );
            Assert.Equal(ExitCodes.Success, stabilityCode);
            Assert.Contains("0.0%", stability); // a run compared with itself does not spread
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Measure_rejects_a_bad_batch_list_before_measuring()
    {
        var (code, _, err) = Run("measure", "--batch", "1,zero");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("PG0005", err);
    }

    [Fact]
    public void An_unknown_model_is_bad_input_and_the_error_lists_the_choices()
    {
        var (code, _, err) = Run("flops", "--model", "resnet9000");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("PG0002", err);
        Assert.Contains("alexnet", err);
    }

    [Theory]
    [InlineData("flops", "--batch", "0")]
    [InlineData("flops", "--batch", "many")]
    [InlineData("slope", "--device", "tpu")]
    [InlineData("no-such-command")]
    public void Usage_errors_exit_with_two(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error", err);
    }

    [Fact]
    public void Help_lists_every_command()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("flops", output);
        Assert.Contains("slope", output);
        Assert.Contains("measure", output);
        Assert.Contains("stability", output);
        Assert.Contains("profile", output);
    }

    [Fact]
    public void Profile_prints_every_layer_of_the_counts_file_and_the_time_outside_them()
    {
        var (code, output, _) = Run("profile", "--model", "mlp-stack-2", "--batch", "2", "--max-seconds", "2", "--device", "cpu");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("mlp-stack-2, batch 2: where the time goes", output);
        foreach (var layer in new[] { "affine1", "affine1_relu", "affine2", "affine2_relu", "(outside layers)" })
            Assert.Contains(layer, output);

        var (jsonCode, json, _) = Run(
            "profile",
            "--model",
            "mlp-stack-2",
            "--batch",
            "2",
            "--max-seconds",
            "2",
            "--device",
            "cpu",
            "--json"
        );
        Assert.Equal(ExitCodes.Success, jsonCode);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var layers = doc.RootElement.GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(
            ["affine1", "affine1_relu", "affine2", "affine2_relu", "(outside layers)"],
            layers.Select(l => l.GetProperty("layer").GetString())
        );
        Assert.Equal(1.0, layers.Sum(l => l.GetProperty("share").GetDouble()), 6);
        Assert.True(layers[0].GetProperty("achievedGflops").GetDouble() > 0);
        Assert.Equal(2, doc.RootElement.GetProperty("batch").GetInt32());
    }

    [Fact]
    public void Overhead_profile_compares_passes_after_a_profile_round_with_passes_after_a_plain_one()
    {
        var (code, json, _) = Run(
            "overhead",
            "--profile",
            "--model",
            "mlp-stack-1",
            "--batch",
            "2",
            "--rounds",
            "4",
            "--device",
            "cpu",
            "--json"
        );
        Assert.Equal(ExitCodes.Success, code);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        foreach (
            var key in new[]
            {
                "afterProfileSeconds",
                "afterRoundSeconds",
                "afterPlainSeconds",
                "profiledSeconds",
                "afterProfileRatio",
                "perturbation",
                "profileCost",
            }
        )
            Assert.True(doc.RootElement.GetProperty(key).GetDouble() > 0, key);
        Assert.Equal(4, doc.RootElement.GetProperty("rounds").GetInt32());

        var (both, _, err) = Run("overhead", "--profile", "--harness");
        Assert.Equal(ExitCodes.BadInput, both);
        Assert.Contains("give one of --harness, --inference or --profile", err);
    }

    [Fact]
    public void A_batch_size_whose_counted_peak_exceeds_the_memory_given_is_reported_not_run()
    {
        var outFolder = Directory.CreateTempSubdirectory("perfgate-memory-fit").FullName;
        // mlp-stack-1: 4096 × 4096 weights and bias, 67,125,248 bytes; 32 KiB of activations alive at once per example
        var (code, output, err) = InProcessCli.Run(
            "measure",
            "--model",
            "mlp-stack-1",
            "-b",
            "1,64",
            "--memory",
            "65MiB",
            "--max-seconds",
            "2",
            "--out",
            outFolder,
            "--json"
        );

        Assert.True(code == ExitCodes.Success, err);
        using var doc = JsonDocument.Parse(output);
        var batches = doc.RootElement.GetProperty("batches").EnumerateArray().ToArray();
        Assert.True(batches[0].GetProperty("imagesPerSec").ValueKind == JsonValueKind.Object); // batch 1 fits and ran
        var skipped = batches[1].GetProperty("skipped").GetString()!;
        Assert.StartsWith("would not fit: its counted peak at batch 64, 66.0 MiB", skipped);
        Assert.Contains("exceeds 65.0 MiB (--memory)", skipped);
        var (_, text, _) = InProcessCli.Run(
            "measure",
            "--model",
            "mlp-stack-1",
            "-b",
            "1",
            "--memory",
            "65MiB",
            "--max-seconds",
            "1",
            "--out",
            outFolder
        );
        Assert.Contains("the largest batch whose counted peak fits 65.0 MiB (--memory): 31", text); // (65 MiB − weights) ÷ 32 KiB
        Directory.Delete(outFolder, recursive: true);
    }
}
