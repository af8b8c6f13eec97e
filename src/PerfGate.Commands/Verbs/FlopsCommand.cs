using System.CommandLine;
using PerfGate.Core.Flops;
using PerfGate.Core.Serialization;
using PerfGate.Core.Text;

namespace PerfGate.Commands.Verbs;

/// <summary>perfgate flops: the per-layer FLOP table of one forward pass, counted from the shapes that ran; built-in models or your
/// own.</summary>
internal static class FlopsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, ModelRunners runners)
    {
        var model = CommonOptions.Model();
        var assembly = CommonOptions.Assembly();
        var batch = CommonOptions.Positive("--batch", "Batch size of the counted forward pass.", 1);
        var json = CommonOptions.Json();
        var memory = new Option<string?>("--memory")
        {
            Description =
                "A device's memory (8GiB, 512MiB, 16GB): say the largest batch whose counted parameters and peak activations fit it.",
        };
        var running = new RunnerOptions(runners);
        var command = new Command(
            "flops",
            "Count params, MACs, FLOPs, other FLOPs and activation bytes per layer from one real forward pass (on the CPU), with the "
                + "FLOP rules your workload registers; the counted memory peak, and with --memory the largest batch that fits."
        )
        {
            model,
            assembly,
            batch,
            json,
            memory,
        };
        running.AddTo(command);
        command.SetAction(parse => CommandGuard.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
            {
                var capacity = parse.GetValue(memory) is { } size ? MemoryCount.ParseBytes(size, "--memory") : (long?)null;
                var runner = running.Runner(parse, stderr);
                var report = runner.Flops(
                    parse.GetValue(model)!,
                    parse.GetValue(assembly) ?? runner.DefaultAssembly,
                    parse.GetValue(batch)
                );
                stdout.Write(parse.GetValue(json) ? PerfGateJson.Serialize(report) : FlopTableText.Render(report, capacity));
                return 0;
            }));
        return command;
    }
}
