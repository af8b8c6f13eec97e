using PerfGate.Core;
using PerfGate.Core.Against;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Orchestration.Building;

namespace PerfGate.Orchestration.Against;

/// <summary>
/// `perfgate check --against REF` and `-p:PerfGateAgainst=REF`: validates the request, builds head (unless the build gate
/// has) and base (the merge-base, in a cached worktree), starts one measuring process on each build, and runs every model
/// through one <see cref="AgainstRun"/>. Both processes are stopped when it returns; writing the reports is the host's.
/// </summary>
public static class AgainstGate
{
    /// <summary>How long a side may take to answer one command (a prepare builds and counts the model; a turn at a large batch on a slow
    /// CPU takes seconds).</summary>
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<ModelOutcome> Check(CheckRequest check, AgainstRequest against, Action<string>? progress = null)
    {
        check = check.Validate();
        against = against.Validate();
        if (check.ResultsFile is not null)
            throw new PerfGateException(
                ErrorCodes.BadOption,
                "--results judges one recorded measurement against stored baselines; --against measures head and base live. Give one of "
                    + "them."
            );
        if (check.CountsOnly)
            throw new PerfGateException(
                ErrorCodes.BadOption,
                "--against measures head's throughput against base's; a counts-only gate (--counts-only, PerfGateThroughput=false) "
                    + "measures no throughput. Give one of them."
            );
        if (against.Head is null && check.Assembly is not null)
            throw new PerfGateException(
                ErrorCodes.BadOption,
                "--against builds --project on both sides and gates the workloads its assembly declares; drop --assembly."
            );
        var paths = new BaselinePaths(check.Baselines).RequireFolder();
        var tolerances = ToleranceConfig.Load(paths.Root);
        var options = check.Options();

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
            tolerances.CheckModelsExist(probe.Hello.Declared.Concat(probe.Hello.BuiltIn).ToHashSet());
            models = (check with { Assembly = headLayout.TargetPath }).SelectModels(probe.Hello.Declared, probe.Hello.BuiltIn);
        }
        var run = new AgainstRun(paths, tolerances, Launch, against.Ref, built.Commit, LaunchSettings, progress) { Head = head };
        return models.Select(model => run.Check(model, options)).ToArray();
    }

    /// <summary>
    /// Each launch runs at least 4 rounds of every batch size, two ABBA pairs (not the 5 of one long measurement): a launch's
    /// figure is the median of all its batch sizes' round pairs, and the verdict's samples are launches.
    /// </summary>
    private static readonly SamplerSettings LaunchSettings = new(MinRounds: 4);

    private static SideLayout BuildHead(AgainstRequest against, Action<string>? progress)
    {
        progress?.Invoke($"head: building {Path.GetFileName(against.Project)} -c {against.Configuration}");
        return ProjectBuild.Build(against.Project, against.Configuration, "head");
    }
}
