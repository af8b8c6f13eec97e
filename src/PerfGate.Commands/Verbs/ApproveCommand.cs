using System.CommandLine;
using PerfGate.Core;
using PerfGate.Core.Baselines;

namespace PerfGate.Commands.Verbs;

/// <summary>
/// perfgate approve: move received baselines onto the verified ones, printing what changed; with --runs N, first measure the
/// models N times on this machine so that the approved baseline knows its between-run drift. Refused when CI is set.
/// </summary>
internal static class ApproveCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, ModelRunners runners)
    {
        var options = new GateCommandOptions();
        var force = new Option<bool>("--force") { Description = "Approve even though the CI environment variable is set." };
        var runs = new Option<int?>("--runs")
        {
            Description =
                "Measure the model(s) this many times now (independent runs, e.g. 5) and approve the merged result: the baseline then "
                + "knows this machine's between-run drift.",
        };
        var command = new Command(
            "approve",
            "Accept the received baselines (written by 'check') as the new verified ones, atomically, and print what changed."
        )
        {
            force,
            runs,
        };
        options.AddTo(command);
        var running = new RunnerOptions(runners);
        running.AddTo(command);
        command.SetAction(parse => CommandGuard.Guard(stderr, () =>
            {
                var request = options.Request(parse, "approve").Validate();
                if (request.Models.Count == 0 && !request.All)
                    throw new PerfGateException(ErrorCodes.BadOption, "say what to approve: --model NAME, or --all.");
                var paths = new BaselinePaths(request.Baselines);
                paths.RequireFolder();
                var ci = Environment.GetEnvironmentVariable("CI");
                if (!string.IsNullOrEmpty(ci) && !parse.GetValue(force))
                    BaselineApprover.Approve(paths, null, force: false, ci); // refuses before measuring anything

                IReadOnlyList<string?> models =
                    request.All && request.Models.Count == 0 ? [null] : request.Models.Select(paths.ExistingModel).ToArray<string?>();
                if (parse.GetValue(runs) is { } count)
                {
                    var runner = running.Runner(parse, stderr);
                    models = runner
                        .Snapshot(
                            request with
                            {
                                Assembly = request.Assembly ?? runner.DefaultAssembly,
                            },
                            count,
                            CommandGuard.Progress(stderr)
                        )
                        .ToArray<string?>();
                }

                var approved = BaselineApprover.ApproveAll(
                    paths,
                    models,
                    parse.GetValue(force),
                    ci,
                    "Run 'perfgate check' first (it writes them), or approve with --runs N to measure now."
                );
                foreach (var line in BaselineApprover.Lines(approved))
                    stdout.WriteLine(line);
                return 0;
            }));
        return command;
    }
}
