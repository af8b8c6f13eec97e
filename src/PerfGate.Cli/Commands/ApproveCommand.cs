using System.CommandLine;
using PerfGate.Core;
using PerfGate.Core.Baselines;

namespace PerfGate.Cli.Commands;

/// <summary>perfgate approve: move received baselines onto the verified ones, printing what changes. Refused when CI is set.</summary>
internal static class ApproveCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = new Option<string?>("--model", "-m") { Description = "Approve this model's received baselines." };
        var all = new Option<bool>("--all") { Description = "Approve every received baseline." };
        var baselines = new Option<string>("--baselines") { Description = "The baselines folder.", DefaultValueFactory = _ => "baselines" };
        var force = new Option<bool>("--force") { Description = "Approve even though the CI environment variable is set." };
        var command = new Command("approve", "Accept the received baselines (written by 'check') as the new verified ones, atomically, and print what changed.")
        {
            model, all, baselines, force,
        };
        command.SetAction(parse => CommandRunner.Guard(stderr, () =>
        {
            var name = parse.GetValue(model);
            if ((name is null) == !parse.GetValue(all))
                throw new PerfGateException("PG0005", "say what to approve: --model NAME, or --all.");
            var approved = BaselineApprover.Approve(new BaselinePaths(parse.GetValue(baselines)!), name, parse.GetValue(force), Environment.GetEnvironmentVariable("CI"));
            if (approved.Count == 0) stdout.WriteLine($"Nothing to approve: no received baselines{(name is null ? "" : $" for {name}")} under {parse.GetValue(baselines)}.");
            foreach (var a in approved)
            {
                stdout.WriteLine($"approved {a.Model} on {a.DeviceClass} -> {a.VerifiedPath}");
                foreach (var change in a.Changes) stdout.WriteLine($"  {change}");
            }
            return 0;
        }));
        return command;
    }
}
