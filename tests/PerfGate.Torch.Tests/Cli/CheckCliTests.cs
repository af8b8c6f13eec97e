using System.Text.Json.Nodes;
using PerfGate.Core;

namespace PerfGate.Torch.Tests.Cli;

/// <summary>
/// `perfgate check --results` end to end against a committed baseline of a tiny model (mlp-stack-1 on this project's CPU
/// class): deterministic, because the compared figures come from committed files, not from a timing.
/// </summary>
public sealed class CheckCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-check").FullName;

    public CheckCliTests() => CliFixtures.CopyBaselines(Baselines);

    private string Baselines => Path.Combine(_dir, "baselines");
    private string Verified => Directory.GetFiles(Path.Combine(Baselines, "mlp-stack-1"), "cpu-*.verified.json").Single();
    private string Counts => Path.Combine(Baselines, "mlp-stack-1", "counts.verified.json");
    private string ReceivedPath => Verified.Replace(".verified.json", ".received.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => InProcessCli.Run(args);

    private string Results(Action<JsonNode>? change = null) => CliFixtures.Results(_dir, change);

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
        var line = int.Parse(
            System
                .Text.RegularExpressions.Regex.Match(output, @"counts\.verified\.json\((\d+)\): PG1001 FAIL: mlp-stack-1 affine1: flops")
                .Groups[1]
                .Value
        );
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
                    batch![key] = new JsonArray(
                        batch[key]!.AsArray().Select(v => (JsonNode)JsonValue.Create(v!.GetValue<double>() / 2)).ToArray()
                    );
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
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName; // a missing folder is PG0201 (SweepCliTests)
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

    [Theory]
    [InlineData("results")]
    [InlineData("throughput")]
    [InlineData("counts")]
    public void Mutated_inputs_end_in_a_verdict_or_bad_input_never_a_crash_and_never_change_a_verified_file(string kind)
    {
        var target = kind switch
        {
            "results" => Results(),
            "throughput" => Verified,
            _ => Counts,
        };
        var valid = File.ReadAllText(target);
        var verified = new[] { Verified, Counts }.ToDictionary(f => f, File.ReadAllText);
        foreach (var (label, text) in PerfGate.Core.Tests.Fuzz.Mutator.Mutations(valid, 120, seed: kind.Length))
        {
            File.WriteAllText(target, text);
            var (code, _, err) = Run(
                "check",
                "--results",
                kind == "results" ? target : Results(),
                "--baselines",
                Baselines,
                "--out",
                Path.Combine(_dir, "out")
            );
            Assert.True(
                code is ExitCodes.Success or ExitCodes.GateFailed or ExitCodes.Inconclusive or ExitCodes.BadInput,
                $"{kind}, {label}: exit {code}: {err}"
            );
            if (code == ExitCodes.BadInput)
            {
                Assert.Matches(@"error PG0[0-3]\d\d: ", err);
                Assert.Contains(target, err);
            }
            foreach (var (file, content) in verified.Where(v => v.Key != target))
                Assert.True(content == File.ReadAllText(file), $"{kind}, {label}: {file} changed");
            File.WriteAllText(target, valid);
        }
    }

    [Fact]
    public void Results_cannot_be_combined_with_a_model_selection_that_it_would_ignore()
    {
        var (code, _, err) = Run("check", "--model", "alexnet", "--results", Results(), "--baselines", Baselines);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error PG0005", err);
        Assert.Contains("--model", err);
    }

    [Fact]
    public void A_model_name_that_is_a_path_is_refused_and_nothing_is_written_outside_the_baselines()
    {
        var (code, _, err) = Run("check", "--results", Results(r => r["model"] = "../../escaped"), "--baselines", Baselines);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error PG0012", err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "escaped")));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(_dir)!, "escaped")));
    }

    [Theory]
    [InlineData("normalizedSamples", 0.0)]
    [InlineData("normalizedSamples", -1.0)]
    [InlineData("samples", 0.0)]
    public void Results_with_zero_or_negative_samples_are_bad_input_not_a_verdict(string key, double value)
    {
        var results = Results(r =>
        {
            var batch = r["batches"]![0]!;
            batch[key] = new JsonArray(batch[key]!.AsArray().Select(_ => (JsonNode)JsonValue.Create(value)).ToArray());
        });
        var (code, _, err) = Run("check", "--results", results, "--baselines", Baselines);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error PG0007", err);
        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void A_zero_median_is_bad_input_not_a_pass()
    {
        var (code, _, err) = Run(
            "check",
            "--results",
            Results(r => r["batches"]![0]!["imagesPerSec"]!["median"] = 0),
            "--baselines",
            Baselines
        );
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("imagesPerSec", err);
    }

    [Fact]
    public void An_unknown_option_after_model_is_not_taken_for_a_model_name()
    {
        var (code, _, err) = Run("check", "--model", "mlp-stack-1", "--frobnicate", "HEAD", "--baselines", Baselines);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("PG0005", err);
        Assert.DoesNotContain("Unknown model", err);
    }

    [Fact]
    public void Json_prints_one_document_even_when_the_command_fails()
    {
        var (code, output, _) = Run("check", "--results", Path.Combine(_dir, "missing.json"), "--baselines", Baselines, "--json");
        Assert.Equal(ExitCodes.BadInput, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal("PG0007", doc.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public void An_output_path_that_is_a_file_is_perfgates_own_io_error_before_anything_is_judged()
    {
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "");
        var (code, _, err) = Run("check", "--results", Results(), "--baselines", Baselines, "--out", file);
        Assert.Equal(ExitCodes.PerfGateFailed, code);
        Assert.Contains($"{file}: error PG0011", err);
    }

    [Fact]
    public void A_summary_path_that_is_a_folder_fails_with_its_own_code_after_printing_the_verdicts_table()
    {
        var results = Results(r => r["layers"]![0]!["flops"] = r["layers"]![0]!["flops"]!.GetValue<long>() * 2);
        var (code, output, err) = Run("check", "--results", results, "--baselines", Baselines, "--summary", _dir);
        Assert.Equal(ExitCodes.PerfGateFailed, code);
        Assert.Contains("PG1001 FAIL", output); // the failing verdict is not swallowed
        Assert.Contains("error PG0011", err);
    }

    [Fact]
    public void Approve_of_a_model_with_nothing_received_or_a_missing_folder_is_an_error()
    {
        Assert.Equal(ExitCodes.BadInput, Run("approve", "--model", "nosuch", "--baselines", Baselines).Code);
        var (code, _, err) = Run("approve", "--all", "--baselines", Path.Combine(_dir, "nonexistent"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("PG0201", err);
    }

    [Fact]
    public void On_a_device_class_without_a_throughput_baseline_a_flop_change_still_fails_on_the_counts_file()
    {
        // Another machine: its class has no throughput baseline here, but the counts are the same everywhere.
        var results = Results(r =>
        {
            r["fingerprint"]!["microarchitecture"] = "intel6.106";
            r["fingerprint"]!["instructionSet"] = "avx512";
            r["layers"]![0]!["flops"] = r["layers"]![0]!["flops"]!.GetValue<long>() * 2;
        });

        var (code, output, _) = Run("check", "--results", results, "--baselines", Baselines);

        Assert.Equal(ExitCodes.GateFailed, code);
        var line = int.Parse(
            System
                .Text.RegularExpressions.Regex.Match(output, @"counts\.verified\.json\((\d+)\): PG1001 FAIL: mlp-stack-1 affine1: flops")
                .Groups[1]
                .Value
        );
        Assert.Equal("      \"affine1\": {", File.ReadAllLines(Counts)[line - 1]);
        Assert.Contains("PG1004", output); // throughput: nothing to compare on this class
    }

    [Theory]
    [InlineData("--max-seconds", "Infinity")]
    [InlineData("--max-seconds", "0")]
    [InlineData("--threads", "1000")]
    [InlineData("--threads", "abc")]
    public void Bad_option_values_are_bad_input_with_a_code(string option, string value)
    {
        var (code, _, err) = Run("check", "--model", "mlp-stack-1", option, value, "--baselines", Baselines);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error PG0005", err);
    }

    [Fact]
    public void Report_and_measure_into_a_file_instead_of_a_folder_are_perfgates_own_io_error()
    {
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "");
        var report = Run("report", Results(), "--baselines", Baselines, "--out", file);
        Assert.Equal(ExitCodes.PerfGateFailed, report.Code);
        Assert.Contains("error PG0011", report.Err);

        var measure = Run("measure", "--model", "mlp-stack-1", "--batch", "1", "--max-seconds", "60", "--out", file);
        Assert.Equal(ExitCodes.PerfGateFailed, measure.Code);
        Assert.Contains($"{file}: error PG0011", measure.Err);
        Assert.DoesNotContain("batch 1 (1/1)", measure.Err); // refused before measuring: no batch's progress line
        Assert.DoesNotContain("error PG0011", measure.Err.Replace($"{file}: error PG0011", "")); // once, naming the path
    }

    [Fact]
    public void Annotate_on_an_empty_report_is_bad_input_not_a_crash()
    {
        var empty = Path.Combine(_dir, "empty.json");
        File.WriteAllText(empty, "{}");
        var (code, _, err) = Run("annotate", "--report", empty);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{empty}", err);
        Assert.Contains("error PG0007", err);
    }

    [Fact]
    public void Run_from_another_folder_check_names_the_missing_baselines_folder_instead_of_creating_one()
    {
        var missing = Path.Combine(_dir, "elsewhere", "baselines");
        var (code, _, err) = Run("check", "--model", "mlp-stack-1", "--baselines", missing, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{missing}: error PG0201", err);
        Assert.False(Directory.Exists(missing));
    }
}

/// <summary>
/// Model names on the command line, live: a name in another case gates the model's own folder (never "nothing approved" for
/// a folder that does not exist), and a selection that names nothing is refused instead of gating the default model.
/// </summary>
public sealed class ModelNameCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-names").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_model_named_in_another_case_is_judged_against_its_own_counts()
    {
        var baselines = Path.Combine(_dir, "baselines");
        var first = InProcessCli.Run(
            "check",
            "--model",
            "mlp-stack-1",
            "--counts-only",
            "--baselines",
            Directory.CreateDirectory(baselines).FullName,
            "--out",
            Path.Combine(_dir, "out")
        );
        Assert.Equal(ExitCodes.Success, first.Code); // nothing approved yet: NEW
        var counts = Path.Combine(baselines, "mlp-stack-1", "counts.verified.json");
        File.Move(counts.Replace(".verified.", ".received."), counts);
        File.WriteAllText(counts, File.ReadAllText(counts).Replace("\"flops\": 33554432", "\"flops\": 33554433")); // a tampered count

        var (code, output, _) = InProcessCli.Run(
            "check",
            "--model",
            " MLP-Stack-1 ",
            "--counts-only",
            "--baselines",
            baselines,
            "--out",
            Path.Combine(_dir, "out")
        );

        Assert.Equal(ExitCodes.GateFailed, code);
        Assert.Contains("PG1001 FAIL: mlp-stack-1 affine1: flops 33,554,433 → 33,554,432", output);
        Assert.Contains("approve --model mlp-stack-1", output);
        Assert.DoesNotContain("PG1009", output);
        Assert.Equal(["mlp-stack-1"], Directory.GetDirectories(baselines).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("")]
    [InlineData(";")]
    [InlineData(" ")]
    public void A_selection_that_names_nothing_is_refused(string selection)
    {
        var (code, _, err) = InProcessCli.Run(
            "check",
            "--model",
            selection,
            "--counts-only",
            "--baselines",
            _dir,
            "--out",
            Path.Combine(_dir, "out")
        );
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error PG0012: the model selection", err);
    }
}
