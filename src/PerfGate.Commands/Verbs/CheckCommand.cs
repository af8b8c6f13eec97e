using System.CommandLine;
using PerfGate.Commands.Running;
using PerfGate.Core;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Running;
using PerfGate.Core.Serialization;
using PerfGate.Core.Text;
using PerfGate.Orchestration;
using PerfGate.Orchestration.Against;
using PerfGate.Reports;

namespace PerfGate.Commands.Verbs;

/// <summary>
/// perfgate check: measure (or read results), compare with the approved baselines, decide PASS / FAIL / INCONCLUSIVE; with
/// --against, measure head and base alternately in one run and judge head's throughput against base's.
/// </summary>
internal static class CheckCommand
{
    /// <param name="approve">How to run approve where this perfgate runs (the tool and the repository's command line differ).</param>
    public static Command Create(TextWriter stdout, TextWriter stderr, ModelRunners runners, string approve)
    {
        var options = new GateCommandOptions();
        var report = new Option<string?>("--report")
        {
            Description = "Also write the JSON report to this file (the MSBuild task reads it).",
        };
        var results = new Option<string?>("--results")
        {
            Description =
                "Judge this results file (from 'perfgate measure') as it is, instead of measuring; no other model selection applies.",
        };
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 1) on INCONCLUSIVE and on a device with no baseline." };
        var countsOnly = new Option<bool>("--counts-only")
        {
            Description = "Gate the counted metrics only (exactly, on any machine) and time nothing: a verdict no noise can move.",
        };
        var summary = new Option<string?>("--summary")
        {
            Description = "Also write the Markdown summary to this file (for CI job summaries).",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder for the measured results and the report.",
            DefaultValueFactory = _ => "results",
        };
        var approveCommand = new Option<string?>("--approve-command")
        {
            Description = "The approve command to print (build hosts print their own).",
            Hidden = true,
        };
        var json = CommonOptions.Json();
        var against = new Option<string?>("--against")
        {
            Description =
                "A git ref (e.g. origin/main): build the merge-base of the ref and HEAD in a git worktree and measure it and this build "
                + "alternately in one run on this machine (A/B), instead of comparing throughput with stored baselines.",
        };
        var running = new RunnerOptions(runners);
        var baseCache = new Option<string?>("--base-cache")
        {
            Description =
                "Where base worktrees and builds are kept by commit (default ~/.cache/perfgate/base-builds): with --against, and when a "
                + "suspected change is measured against the commit its baseline was approved at.",
        };
        var command = new Command(
            "check",
            "Compare measured figures with the approved baselines: counted metrics exactly on every machine, throughput by threshold and "
                + "Mann-Whitney U, re-measuring before a failure."
        )
        {
            results,
            strict,
            countsOnly,
            summary,
            report,
            output,
            approveCommand,
            json,
            against,
            baseCache,
        };
        options.AddTo(command);
        running.AddTo(command);
        var progress = CommandGuard.Progress(stderr);
        command.SetAction(parse => CommandGuard.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
            {
                var request = options.Request(parse) with
                {
                    ResultsFile = parse.GetValue(results),
                    CountsOnly = parse.GetValue(countsOnly),
                };
                ResultFiles.Prepare(parse.GetValue(output)!);
                IModelRunner? runner = null;
                IModelRunner Runner() => runner ??= running.Runner(parse, stderr);
                // Measured in the runner's build, with the tool the user's own workloads unless models or an assembly are named.
                IReadOnlyList<ModelOutcome> Live(CheckRequest check) =>
                    Runner().Check(check with { Assembly = check.Assembly ?? Runner().DefaultAssembly }, progress);
                var session = GateSession.Check(
                    request,
                    parse.GetValue(against) is { } reference
                        ? new AgainstRequest(
                            reference,
                            parse.GetValue(running.Project) ?? ProjectHere.Find("--against builds your project on both sides"),
                            parse.GetValue(running.Configuration)!,
                            CacheDirectory: parse.GetValue(baseCache)
                        )
                        : null,
                    () => Runner() is HostRunner project ? project.SideBySide(parse.GetValue(baseCache)) : null,
                    Live,
                    verdicts => parse.GetValue(approveCommand) ?? Approve(approve, verdicts, request.Baselines),
                    CommandsVersion.Current,
                    progress
                );
                // The verdict's table is printed before the files are written, so that a bad --summary or --out path cannot swallow
                // it; under --json the one document is the report, or the error when a file could not be written.
                if (!parse.GetValue(json))
                    stdout.Write(CheckText.Render(session.Verdicts));
                GateOutputs.Write(
                    session.Outcomes,
                    session.Verdicts,
                    parse.GetValue(output)!,
                    parse.GetValue(summary),
                    parse.GetValue(report)
                );
                if (parse.GetValue(json))
                    stdout.Write(PerfGateJson.Serialize(session.Verdicts));
                return session.Verdicts.ExitCode(parse.GetValue(strict));
            }));
        return command;
    }

    /// <summary>The approve command for what this check proposed, with the same baselines folder.</summary>
    private static string Approve(string approve, IReadOnlyList<ModelVerdict> verdicts, string baselines) =>
        approve
        + (verdicts.Count == 1 ? $" --model {verdicts[0].Model}" : " --all")
        + (Path.GetFullPath(baselines) == Path.GetFullPath("baselines") ? "" : $" --baselines \"{baselines}\"");
}
