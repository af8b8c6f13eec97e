using System.CommandLine;
using PerfGate.Core;
using PerfGate.Core.Running;
using PerfGate.Core.Serialization;

namespace PerfGate.Commands.Verbs;

/// <summary>perfgate overhead: what PerfGate's own machinery costs next to a bare TorchSharp forward pass.</summary>
internal static class OverheadCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, ModelRunners runners)
    {
        var model = CommonOptions.Model();
        var assembly = CommonOptions.Assembly();
        var batch = CommonOptions.Positive("--batch", "Batch size.", 8);
        var rounds = CommonOptions.Positive("--rounds", "Alternating plain/counted rounds (the medians are compared).", 20);
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();
        var harness = new Option<bool>("--harness")
        {
            Description = "Compare perfgate measure's timed model iteration with a bare TorchSharp loop instead.",
        };
        var inference = new Option<bool>("--inference")
        {
            Description =
                "Compare the timed iteration in inference mode (as measured) with the same forward pass recording autograd (as before "
                + "0.2).",
        };
        var profiling = new Option<bool>("--profile")
        {
            Description =
                "Whether profile rounds touch the throughput rounds beside them: a plain pass right after a profile round against one "
                + "right after a plain pass, in one process.",
        };
        var json = CommonOptions.Json();
        var running = new RunnerOptions(runners);
        var command = new Command(
            "overhead",
            "What PerfGate's machinery costs: FLOP counting (default), the measuring harness (--harness) or autograd (--inference), "
                + "against a bare forward pass, alternated in one process."
        )
        {
            model,
            assembly,
            batch,
            rounds,
            threads,
            device,
            harness,
            inference,
            profiling,
            json,
        };
        running.AddTo(command);
        command.SetAction(parse => CommandGuard.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
            {
                if (new[] { harness, inference, profiling }.Count(o => parse.GetValue(o)) > 1)
                    throw new PerfGateException(ErrorCodes.BadOption, "give one of --harness, --inference or --profile.");
                var kind =
                    parse.GetValue(inference) ? OverheadKind.Inference
                    : parse.GetValue(harness) ? OverheadKind.Harness
                    : parse.GetValue(profiling) ? OverheadKind.Profiling
                    : OverheadKind.Counting;
                var runner = running.Runner(parse, stderr);
                var call = new OverheadCall(
                    parse.GetValue(model)!,
                    parse.GetValue(assembly) ?? runner.DefaultAssembly,
                    parse.GetValue(batch),
                    parse.GetValue(rounds),
                    parse.GetValue(threads),
                    parse.GetValue(device)!,
                    kind
                );
                var answer = runner.Overhead(call, CommandGuard.Progress(stderr));
                stdout.Write(parse.GetValue(json) ? PerfGateJson.Serialize(answer.Result) : answer.Text + "\n");
                return 0;
            }));
        return command;
    }
}
