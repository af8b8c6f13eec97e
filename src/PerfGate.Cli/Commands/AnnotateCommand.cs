using System.CommandLine;
using System.Text.Json;
using PerfGate.Core;
using PerfGate.Core.Gate;
using PerfGate.Core.Reports;
using PerfGate.Core.Serialization;

namespace PerfGate.Cli.Commands;

/// <summary>perfgate annotate: a check report as GitHub Actions annotations on the baseline files.</summary>
internal static class AnnotateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var report = new Option<string>("--report") { Description = "A JSON report written by 'perfgate check --report' (or by the build gate).", Required = true };
        var root = new Option<string?>("--root") { Description = "Make file paths relative to this folder (the repository root).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GITHUB_WORKSPACE") };
        var command = new Command("annotate", "Print a check report as GitHub Actions ::error/::warning annotations on the baseline files and lines.")
        {
            report, root,
        };
        command.SetAction(parse => CommandRunner.Guard(stderr, () =>
        {
            var path = parse.GetValue(report)!;
            if (!File.Exists(path)) throw new PerfGateException("PG0007", "report file not found.", path);
            CheckReport? checkReport;
            try
            {
                checkReport = JsonSerializer.Deserialize<CheckReport>(File.ReadAllText(path), PerfGateJson.Options);
            }
            catch (JsonException e)
            {
                throw new PerfGateException("PG0007", $"not a check report: {e.Message}", path, (int)(e.LineNumber ?? 0) + 1);
            }
            stdout.Write(GitHubAnnotations.Render(checkReport ?? throw new PerfGateException("PG0007", "the file holds no report.", path), parse.GetValue(root)));
            return 0;
        }));
        return command;
    }
}
