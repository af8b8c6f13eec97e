using System.CommandLine;
using PerfGate.Core;
using PerfGate.Core.Baselines;

namespace PerfGate.Commands.Verbs;

/// <summary>perfgate migrate: split first-layout baselines into counts.verified.json and throughput-only files. Refused when CI is
/// set.</summary>
internal static class MigrateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var baselines = new Option<string>("--baselines") { Description = "The baselines folder.", DefaultValueFactory = _ => "baselines" };
        var force = new Option<bool>("--force") { Description = "Migrate even though the CI environment variable is set." };
        var command = new Command(
            "migrate",
            "Split baselines of the first layout (counted metrics inside each per-device file) into the model's counts.verified.json and "
                + "throughput-only files; the approved figures are kept as they are."
        )
        {
            baselines,
            force,
        };
        command.SetAction(parse => CommandGuard.Guard(stderr, () =>
            {
                if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && !parse.GetValue(force))
                    throw new PerfGateException(
                        ErrorCodes.ApproveRefusedOnCi,
                        "refusing to rewrite approved baselines on a CI server (CI is set): migrate locally and commit, or pass --force."
                    );
                var migrated = BaselineMigration.Run(new BaselinePaths(parse.GetValue(baselines)!));
                foreach (var m in migrated)
                    stdout.WriteLine($"migrated {m.Legacy}{(m.CountsWritten ? $"; counted metrics -> {m.Counts}" : "")}");
                if (migrated.Count == 0)
                    stdout.WriteLine("Nothing to migrate: every baseline already has the current layout.");
                return 0;
            }));
        return command;
    }
}
