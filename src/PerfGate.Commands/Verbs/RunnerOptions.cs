using System.CommandLine;
using PerfGate.Core.Running;

namespace PerfGate.Commands.Verbs;

/// <summary>
/// How a command that runs a model gets its <see cref="IModelRunner"/>: in this process, or (with a project) on that project's
/// build through PerfGate.Host. The host decides which (<see cref="ModelRunners"/>); the command only passes --project and -c.
/// </summary>
internal delegate IModelRunner ModelRunners(string? project, string configuration, Action<string> progress);

/// <summary>--project and -c, shared by every command that runs a model.</summary>
internal sealed class RunnerOptions(ModelRunners runners)
{
    public Option<string?> Project { get; } =
        new("--project")
        {
            Description =
                "The project (.csproj) whose build runs the model, with its own TorchSharp, libtorch backend and workloads "
                + "(it must reference the PerfGate and PerfGate.Torch packages). Default: the project in this folder.",
        };

    public Option<string> Configuration { get; } =
        new("--configuration", "-c") { Description = "The configuration the project is built with.", DefaultValueFactory = _ => "Release" };

    public void AddTo(Command command)
    {
        command.Options.Add(Project);
        command.Options.Add(Configuration);
    }

    public IModelRunner Runner(ParseResult parse, TextWriter stderr) =>
        runners(parse.GetValue(Project), parse.GetValue(Configuration)!, CommandGuard.Progress(stderr));
}
