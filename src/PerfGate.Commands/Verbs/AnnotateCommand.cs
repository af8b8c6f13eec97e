using System.CommandLine;
using PerfGate.Core.Gate;
using PerfGate.Core.Text;

namespace PerfGate.Commands.Verbs;

/// <summary>perfgate annotate: a check report as GitHub Actions annotations on the baseline files.</summary>
internal static class AnnotateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var report = new Option<string>("--report")
        {
            Description = "A JSON report written by 'perfgate check --report' (or by the build gate).",
            Required = true,
        };
        var root = new Option<string?>("--root")
        {
            Description = "Make file paths relative to this folder (the repository root).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GITHUB_WORKSPACE"),
        };
        var command = new Command(
            "annotate",
            "Print a check report as GitHub Actions ::error/::warning annotations on the baseline files and lines."
        )
        {
            report,
            root,
        };
        command.SetAction(parse => CommandGuard.Guard(stderr, () =>
            {
                var verdicts = CheckVerdictsFile.Read(parse.GetValue(report)!);
                stdout.Write(GitHubAnnotations.Render(verdicts, parse.GetValue(root)));
                return 0;
            }));
        return command;
    }
}
