using System.CommandLine;
using PerfGate.Commands.Verbs;
using PerfGate.Core;

namespace PerfGate.Commands;

/// <summary>The perfgate command tree, shared by the repository's command line and the installed tool. Exit codes: 0 success, 1 gate
/// failed, 2 bad input or usage, 3 inconclusive, 4 measured process crashed or timed out.</summary>
internal static class PerfGateCli
{
    /// <param name="runners">How commands that run a model get their runner: in this process, or on a project's build (the tool).</param>
    /// <param name="approve">How to run `perfgate approve` where this perfgate runs, for the commands that print it.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, ModelRunners runners, string approve)
    {
        // Every number perfgate prints or writes reads the same on every machine: 1.5, never 1,5 under a German locale.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
        var root = new RootCommand("PerfGate: counts, measures and gates the performance of TorchSharp neural networks.")
        {
            ModelsCommand.Create(stdout, stderr, runners),
            FlopsCommand.Create(stdout, stderr, runners),
            MeasureCommand.Create(stdout, stderr, runners),
            CheckCommand.Create(stdout, stderr, runners, approve),
            ApproveCommand.Create(stdout, stderr, runners),
            MigrateCommand.Create(stdout, stderr),
            SlopeCommand.Create(stdout, stderr, runners),
            OverheadCommand.Create(stdout, stderr, runners),
            ProfileCommand.Create(stdout, stderr, runners),
            StabilityCommand.Create(stdout, stderr),
            ReportCommand.Create(stdout, stderr, approve),
            AnnotateCommand.Create(stdout, stderr),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Usage errors are bad input like any other: a PG code, exit 2, and under --json still one JSON document.
            var message = string.Join(" ", parsed.Errors.Select(e => e.Message));
            var help = parsed.CommandResult.Command == root ? "perfgate --help" : $"perfgate {parsed.CommandResult.Command.Name} --help";
            return CommandGuard.Guard(stderr, args.Contains("--json") ? stdout : null, () =>
                throw new PerfGateException(ErrorCodes.BadOption, $"{message} Run '{help}' for usage.")
            );
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
