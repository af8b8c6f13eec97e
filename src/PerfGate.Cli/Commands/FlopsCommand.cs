using System.CommandLine;
using PerfGate.Core.Reports;
using PerfGate.Core.Serialization;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Workloads;
using TorchSharp;

namespace PerfGate.Cli.Commands;

/// <summary>perfgate flops: the per-layer FLOP table of one forward pass, counted from the shapes that ran.</summary>
internal static class FlopsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = CommonOptions.Model();
        var batch = CommonOptions.Positive("--batch", "Batch size of the counted forward pass.", 1);
        var json = CommonOptions.Json();
        var command = new Command("flops", "Count params, MACs, FLOPs and other FLOPs per layer from one real forward pass (on the CPU).")
        {
            model, batch, json,
        };
        command.SetAction(parse => CommandRunner.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
        {
            var workload = BuiltInWorkloads.Find(parse.GetValue(model)!);
            TorchSettings.Apply(threads: 1);
            using var module = workload.Create();
            module.eval();
            using var input = workload.Input(parse.GetValue(batch), torch.CPU);
            var report = new FlopCounter().Count(workload.Name, module, input);
            stdout.Write(parse.GetValue(json) ? PerfGateJson.Serialize(report) : FlopTableText.Render(report));
            return 0;
        }));
        return command;
    }
}
