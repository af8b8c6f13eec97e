using System.CommandLine;
using PerfGate.Core;
using PerfGate.Core.Serialization;
using PerfGate.Core.Text;

namespace PerfGate.Commands.Verbs;

/// <summary>perfgate slope: the talk's check of the FLOP counter with 1, 2 and 4 identical affine(4096) layers.</summary>
internal static class SlopeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, ModelRunners runners)
    {
        var batch = CommonOptions.Positive("--batch", "Batch size of every run.", 64);
        var seconds = new Option<double>("--max-seconds")
        {
            Description = "How long the three stack depths are timed, interleaved (at least 10 rounds).",
            DefaultValueFactory = _ => 20,
        };
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var running = new RunnerOptions(runners);
        var command = new Command(
            "slope",
            "Two-point slope check: counted params/FLOPs per added layer divided by the expected value (1.000000 when right), and "
                + "achieved GFLOP/s per layer."
        )
        {
            batch,
            seconds,
            threads,
            device,
            json,
        };
        running.AddTo(command);
        command.SetAction(parse => CommandGuard.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
            {
                if (!(parse.GetValue(seconds) is > 0 and < 86_400))
                    throw new PerfGateException(
                        ErrorCodes.BadOption,
                        $"--max-seconds must be a positive number of seconds below a day, not {Numbers.Plain(parse.GetValue(seconds))}."
                    );
                var report = running
                    .Runner(parse, stderr)
                    .Slope(
                        parse.GetValue(batch),
                        parse.GetValue(threads),
                        parse.GetValue(device)!,
                        parse.GetValue(seconds),
                        CommandGuard.Progress(stderr)
                    );
                stdout.Write(parse.GetValue(json) ? PerfGateJson.Serialize(report) : SlopeText.Render(report));
                return 0;
            }));
        return command;
    }
}
