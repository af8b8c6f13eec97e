using System.CommandLine;
using PerfGate.Core.Reports;
using PerfGate.Core.Serialization;
using PerfGate.Torch.Workloads;

namespace PerfGate.Cli.Commands;

/// <summary>perfgate models: the models the gate can measure, built in and declared in an assembly, with their input shapes and batch sizes.</summary>
internal static class ModelsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var assembly = CommonOptions.Assembly();
        var json = CommonOptions.Json();
        var command = new Command("models", "List the built-in models and the IPerfGateWorkload classes declared in --assembly.")
        {
            assembly, json,
        };
        command.SetAction(parse => CommandRunner.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
        {
            var discovered = parse.GetValue(assembly) is { } dll ? WorkloadDiscovery.FromAssembly(dll) : [];
            var rows = discovered.Select(w => (w, "declared")).Concat(BuiltInWorkloads.All.Where(b => discovered.All(d => d.Name != b.Name)).Select(w => (w, "built in")))
                .Select(r => new ModelRow(r.w.Name, r.Item2, string.Join("x", r.w.InputShape), string.Join(",", r.w.Batches ?? Core.Measurements.MeasurePlan.DefaultBatches), r.w.Description))
                .ToArray();
            if (parse.GetValue(json))
            {
                stdout.Write(PerfGateJson.Serialize(rows));
                return 0;
            }
            var table = new TextTable("model", "source", "input (per example)", "batches", "description");
            foreach (var r in rows) table.Add(r.Name, r.Source, r.Input, r.Batches, r.Description);
            stdout.Write(table + "\n");
            return 0;
        }));
        return command;
    }

    private sealed record ModelRow(string Name, string Source, string Input, string Batches, string Description);
}
