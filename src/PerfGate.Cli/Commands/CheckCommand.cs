using System.CommandLine;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Reports;
using PerfGate.Core.Serialization;
using PerfGate.Torch.Runtime;
using PerfGate.Reports;
using PerfGate.Torch.Gate;

namespace PerfGate.Cli.Commands;

/// <summary>perfgate check: measure (or read results), compare with the approved baselines, decide PASS / FAIL / INCONCLUSIVE.</summary>
internal static class CheckCommand
{
    /// <summary>
    /// How to run approve, as this perfgate was run: from a checkout of PerfGate's repository (its own build output) with
    /// `dotnet run`, otherwise as the installed tool (`dotnet tool install PerfGate.Tool`).
    /// </summary>
    public static string ApproveCommand { get; } =
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/src/PerfGate.Cli/bin/", StringComparison.Ordinal)
            ? "dotnet run --project src/PerfGate.Cli -c Release -- approve"
            : "dotnet perfgate approve";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new GateCommandOptions();
        var report = new Option<string?>("--report") { Description = "Also write the JSON report to this file (the MSBuild task reads it)." };
        var results = new Option<string?>("--results") { Description = "Judge this results file (from 'perfgate measure') as it is, instead of measuring; no other model selection applies." };
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 1) on INCONCLUSIVE and on a device with no baseline." };
        var summary = new Option<string?>("--summary") { Description = "Also write the Markdown summary to this file (for CI job summaries)." };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the measured results and the report.", DefaultValueFactory = _ => "results" };
        var approveCommand = new Option<string?>("--approve-command") { Description = "The approve command to print (build hosts print their own).", Hidden = true };
        var json = CommonOptions.Json();
        var command = new Command("check", "Compare measured figures with the approved baselines: counted metrics exactly on every machine, throughput by threshold and Mann-Whitney U, re-measuring before a failure.")
        {
            results, strict, summary, report, output, approveCommand, json,
        };
        options.AddTo(command);
        command.SetAction(parse => CommandRunner.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
        {
            var request = options.Request(parse) with { ResultsFile = parse.GetValue(results) };
            ResultFiles.Prepare(parse.GetValue(output)!);
            var outcomes = TorchGate.Check(request, PerfGateVersion.Current, GitCommit.Current(), CommandRunner.Progress(stderr));
            var verdicts = outcomes.Select(o => o.Verdict).ToArray();
            var checkReport = CheckReport.Of(verdicts, parse.GetValue(approveCommand) ?? Approve(verdicts, request.Baselines));
            // The verdict's table is printed before the files are written, so that a bad --summary or --out path cannot swallow
            // it; under --json the one document is the report, or the error when a file could not be written.
            if (!parse.GetValue(json)) stdout.Write(CheckText.Render(checkReport));
            GateOutputs.Write(outcomes, checkReport, parse.GetValue(output)!, parse.GetValue(summary), parse.GetValue(report));
            if (parse.GetValue(json)) stdout.Write(PerfGateJson.Serialize(checkReport));
            return checkReport.ExitCode(parse.GetValue(strict));
        }));
        return command;
    }

    /// <summary>The approve command for what this check proposed, with the same baselines folder.</summary>
    private static string Approve(IReadOnlyList<ModelVerdict> verdicts, string baselines) =>
        ApproveCommand + (verdicts.Count == 1 ? $" --model {verdicts[0].Model}" : " --all") +
        (Path.GetFullPath(baselines) == Path.GetFullPath("baselines") ? "" : $" --baselines \"{baselines}\"");
}
