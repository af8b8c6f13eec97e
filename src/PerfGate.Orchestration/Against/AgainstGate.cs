using PerfGate.Core;
using PerfGate.Core.Against;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Orchestration.Building;

namespace PerfGate.Orchestration.Against;

/// <summary>
/// `perfgate check --against REF` and `-p:PerfGateAgainst=REF`: builds head (unless the build gate
/// has) and base (the merge-base, in a cached worktree), starts one measuring process on each build, and runs every model
/// through one <see cref="AgainstRun"/>. Both processes are stopped when it returns; writing the reports is the host's.
/// </summary>
internal static class AgainstGate
{
    /// <summary>How long a side may take to answer one command (a prepare builds and counts the model; a turn at a large batch on a slow
    /// CPU takes seconds).</summary>
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<ModelOutcome> Check(GateSetup setup, AgainstRequest against, Action<string>? progress = null)
    {
        var check = setup.Request;
        against = against.Validate(check);
        var repository = GitRepository.Containing(against.Project);
        repository.MergeBase(against.Ref); // an unknown ref or a shallow clone stops here (PG0013), not after head's build
        var head = repository.DescribeHead();
        progress?.Invoke($"head: {head}");
        var headLayout = against.Head ?? BuildHead(against, progress);
        headLayout.Require("head");
        var built = BaseBuild.Prepare(against, progress);
        var settings = new SideSettings(null, check.Device, check.Threads);
        var baseSettings = settings with { Assembly = built.Layout.TargetPath };
        var headSettings = settings with { Assembly = headLayout.TargetPath, InjectedSlowdown = check.InjectedSlowdown };
        SideProcess Start(string side) =>
            side == "base"
                ? SideProcess.Start("base", built.Layout, baseSettings, progress, ReplyTimeout)
                : SideProcess.Start("head", headLayout, headSettings, progress, ReplyTimeout);
        SidePair Launch(bool headFirst)
        {
            // Both processes start side by side (nothing is timed while they load TorchSharp); which one this thread starts
            // alternates over launches (ABBA), in case the order leaves a trace.
            progress?.Invoke("starting the base and head measuring processes side by side");
            var (first, second) = Concurrently.Run(
                () => Start(headFirst ? "head" : "base"),
                () => Start(headFirst ? "base" : "head"),
                started => (started as IDisposable)?.Dispose()
            );
            return headFirst ? new SidePair(second, first) : new SidePair(first, second);
        }

        IReadOnlyList<string> models;
        using (var probe = Start("head"))
        {
            setup.Tolerances.CheckModelsExist(probe.Hello.Declared.Concat(probe.Hello.BuiltIn).ToHashSet());
            models = (check with { Assembly = headLayout.TargetPath }).SelectModels(probe.Hello.Declared, probe.Hello.BuiltIn);
        }
        var run = new AgainstRun(setup.Paths, setup.Tolerances, Launch, against.Ref, built.Commit, LaunchSettings, progress)
        {
            Head = head,
        };
        return models.Select(model => run.Check(model, setup.Options)).ToArray();
    }

    /// <summary>
    /// Each launch runs at least 4 rounds of every batch size, two ABBA pairs (not the 5 of one long measurement): a launch's
    /// figure is the median of all its batch sizes' round pairs, and the verdict's samples are launches.
    /// </summary>
    private static readonly SamplerSettings LaunchSettings = new(MinRounds: 4);

    private static HostLayout BuildHead(AgainstRequest against, Action<string>? progress)
    {
        progress?.Invoke($"head: building {Path.GetFileName(against.Project)} -c {against.Configuration}");
        return ProjectBuild.Build(against.Project, against.Configuration, "head");
    }
}
