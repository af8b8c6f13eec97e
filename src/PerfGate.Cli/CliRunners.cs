using PerfGate.Commands.Running;
using PerfGate.Core.Running;
using PerfGate.Orchestration.Building;
using PerfGate.Torch.Gate;

namespace PerfGate.Cli;

/// <summary>The repository's perfgate runs models in its own process, or with --project on that project's build (as the tool
/// does).</summary>
internal static class CliRunners
{
    public static IModelRunner For(string? project, string configuration, Action<string> progress) =>
        project is null ? new TorchRunner(MeasuredCommit.Current()) : new HostRunner(project, configuration, progress);
}
