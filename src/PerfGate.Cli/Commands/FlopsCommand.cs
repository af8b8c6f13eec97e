using System.CommandLine;
using PerfGate.Core.Reports;
using PerfGate.Core.Serialization;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Workloads;
using TorchSharp;

namespace PerfGate.Cli.Commands;

/// <summary>perfgate flops: the per-layer FLOP table of one forward pass, counted from the shapes that ran; built-in models or your own.</summary>
internal static class FlopsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = CommonOptions.Model();
        var assembly = CommonOptions.Assembly();
        var batch = CommonOptions.Positive("--batch", "Batch size of the counted forward pass.", 1);
        var json = CommonOptions.Json();
        var command = new Command("flops", "Count params, MACs, FLOPs and other FLOPs per layer from one real forward pass (on the CPU), with the FLOP rules your workload registers.")
        {
            model, assembly, batch, json,
        };
        command.SetAction(parse => CommandRunner.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
        {
            var discovered = parse.GetValue(assembly) is { } dll ? WorkloadDiscovery.FromAssembly(dll) : [];
            var workload = BuiltInWorkloads.Find(parse.GetValue(model)!, discovered);
            TorchSettings.Apply(threads: 1);
            using var module = workload.Create();
            module.eval();
            using var input = workload.Input(parse.GetValue(batch), torch.CPU);
            var report = workload.Counter().Count(workload.Name, module, input);
            stdout.Write(parse.GetValue(json) ? PerfGateJson.Serialize(report) : FlopTableText.Render(report));
            return 0;
        }));
        return command;
    }
}
