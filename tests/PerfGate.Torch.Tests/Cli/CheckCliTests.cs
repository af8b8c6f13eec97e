using System.Text.Json.Nodes;
using PerfGate.Core;

namespace PerfGate.Torch.Tests.Cli;

/// <summary>
/// `perfgate check --results` end to end against a committed baseline of a tiny model (mlp-stack-1 on this project's CPU
/// class): deterministic, because the compared figures come from committed files, not from a timing.
/// </summary>
public sealed class CheckCliTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-check").FullName;

    public CheckCliTests() => CopyDirectory(Path.Combine(Fixtures, "baselines"), Baselines);

    private string Baselines => Path.Combine(_dir, "baselines");
    private string Verified => Directory.GetFiles(Path.Combine(Baselines, "mlp-stack-1"), "cpu-*.verified.json").Single();
    private string Counts => Path.Combine(Baselines, "mlp-stack-1", "counts.verified.json");
    private string ReceivedPath => Verified.Replace(".verified.json", ".received.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => InProcessCli.Run(args);

    private string Results(Action<JsonNode>? change = null)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures, "mlp-stack-1.results.json")))!;
        change?.Invoke(node);
        var path = Path.Combine(_dir, "results.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    [Fact]
    public void The_unchanged_model_passes_and_the_summary_is_written()
    {
        var summary = Path.Combine(_dir, "summary.md");
        var (code, output, _) = Run("check", "--results", Results(), "--baselines", Baselines, "--summary", summary);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Overall: PASS", output);
        Assert.Contains("counted metrics", output);
        Assert.Contains("| mlp-stack-1 | batch 1: normalized throughput |", File.ReadAllText(summary));
        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void A_widened_layer_fails_naming_layer_delta_file_and_line()
    {
        var before = File.ReadAllText(Counts);
        var results = Results(r =>
        {
            r["flops"] = r["flops"]!.GetValue<long>() * 2;
            r["layers"]![0]!["flops"] = r["layers"]![0]!["flops"]!.GetValue<long>() * 2;
        });

        var (code, output, _) = Run("check", "--results", results, "--baselines", Baselines);

        Assert.Equal(ExitCodes.GateFailed, code);
        Assert.Contains("affine1: flops 33,554,432 → 67,108,864 (+100.0%)", output);
        var line = int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"counts\.verified\.json\((\d+)\): PG1001 FAIL: mlp-stack-1 affine1: flops").Groups[1].Value);
        Assert.Equal("      \"affine1\": {", File.ReadAllLines(Counts)[line - 1]); // the line of the layer in the counts file
        Assert.Contains("approve --model mlp-stack-1", output);
        Assert.Equal(before, File.ReadAllText(Counts));
        Assert.True(File.Exists(Counts.Replace(".verified.json", ".received.json")));
    }

    [Fact]
    public void Halved_throughput_fails_with_the_throughput_code()
    {
        // Every round and every stored median at half the approved throughput.
        var results = Results(r =>
        {
            foreach (var batch in r["batches"]!.AsArray())
            {
                foreach (var key in new[] { "samples", "normalizedSamples" })
                    batch![key] = new JsonArray(batch[key]!.AsArray().Select(v => (JsonNode)JsonValue.Create(v!.GetValue<double>() / 2)).ToArray());
                foreach (var key in new[] { "imagesPerSec", "normalizedThroughput" })
                    foreach (var stat in new[] { "median", "ciLow", "ciHigh" })
                        batch![key]![stat] = batch[key]![stat]!.GetValue<double>() / 2;
            }
        });

        var (code, output, _) = Run("check", "--results", results, "--baselines", Baselines);

        Assert.Equal(ExitCodes.GateFailed, code);
        Assert.Contains("PG1002 FAIL", output);
        Assert.Contains("-50.0%", output);
    }

    [Fact]
    public void A_corrupt_baseline_is_bad_input_naming_the_file_and_left_as_it_was()
    {
        var text = File.ReadAllText(Verified);
        File.WriteAllText(Verified, text[..(text.Length / 3)]);
        var corrupt = File.ReadAllText(Verified);

        var (code, _, err) = Run("check", "--results", Results(), "--baselines", Baselines);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(Verified, err);
        Assert.Contains("PG0201", err);
        Assert.Equal(corrupt, File.ReadAllText(Verified));
        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void A_new_device_passes_unless_strict_and_writes_the_received_file()
    {
        var empty = Path.Combine(_dir, "empty");
        var (code, output, _) = Run("check", "--results", Results(), "--baselines", empty);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("nothing to compare", output);
        Assert.Equal(2, Directory.GetFiles(empty, "*.received.json", SearchOption.AllDirectories).Length); // counts and throughput

        Assert.Equal(ExitCodes.GateFailed, Run("check", "--results", Results(), "--baselines", empty, "--strict").Code);
    }

    [Fact]
    public void Approve_needs_a_model_or_all()
    {
        var (code, _, err) = Run("approve", "--baselines", Baselines);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--model NAME, or --all", err);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
