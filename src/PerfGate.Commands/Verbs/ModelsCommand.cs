using System.CommandLine;
using PerfGate.Core.Serialization;
using PerfGate.Core.Text;

namespace PerfGate.Commands.Verbs;

/// <summary>perfgate models: the models the gate can measure, built in and declared in an assembly, with their input shapes and batch
/// sizes.</summary>
internal static class ModelsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, ModelRunners runners)
    {
        var assembly = CommonOptions.Assembly();
        var json = CommonOptions.Json();
        var running = new RunnerOptions(runners);
        var command = new Command(
            "models",
            "List the built-in models and the IPerfGateWorkload classes declared in --assembly (with --project: in that project's build)."
        )
        {
            assembly,
            json,
        };
        running.AddTo(command);
        command.SetAction(parse => CommandGuard.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
            {
                var runner = running.Runner(parse, stderr);
                var rows = runner.Models(parse.GetValue(assembly) ?? runner.DefaultAssembly);
                if (parse.GetValue(json))
                {
                    stdout.Write(PerfGateJson.Serialize(rows));
                    return 0;
                }
                var table = new TextTable("model", "source", "input (per example)", "batches", "description");
                foreach (var r in rows)
                    table.Add(r.Name, r.Source, r.Input, r.Batches, r.Description);
                stdout.Write(table + "\n");
                return 0;
            }));
        return command;
    }
}
