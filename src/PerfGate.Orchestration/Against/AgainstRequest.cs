using PerfGate.Core;
using PerfGate.Core.Gate;
using PerfGate.Orchestration.Building;

namespace PerfGate.Orchestration.Against;

/// <summary>
/// `--against REF` / `-p:PerfGateAgainst=REF`: measure this build (head) against the merge-base of REF and HEAD (base), built
/// from <paramref name="Project"/> with the same <paramref name="Configuration"/> in a git worktree.
/// </summary>
/// <param name="Head">Head's build output when the caller built it (the MSBuild gate); null: build it here (the command line).</param>
/// <param name="CacheDirectory">Where base worktrees and builds are kept by commit; null: the user's cache folder.</param>
internal sealed record AgainstRequest(
    string Ref,
    string Project,
    string Configuration,
    HostLayout? Head = null,
    string? CacheDirectory = null
)
{
    /// <summary>This request checked on its own and with the check it goes with (the combinations that would ignore an option are
    /// refused).</summary>
    public AgainstRequest Validate(CheckRequest check)
    {
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
        if (Head is null && check.Assembly is not null)
            throw new PerfGateException(
                ErrorCodes.BadOption,
                "--against builds --project on both sides and gates the workloads its assembly declares; drop --assembly."
            );
        if (string.IsNullOrWhiteSpace(Ref) || Ref.StartsWith('-'))
            throw new PerfGateException(
                ErrorCodes.BadOption,
                $"--against needs a git ref (a branch, tag or commit such as origin/main), not '{Ref}'."
            );
        if (!File.Exists(Project))
            throw new PerfGateException(
                ErrorCodes.BadOption,
                "--against: the project to build on both sides was not found; pass --project with your .csproj (the one that enables "
                    + "PerfGate).",
                Project
            );
        // The build gate passes head's output paths as MSBuild has them, relative to the project's folder.
        return this with { Project = Path.GetFullPath(Project), Head = Head?.BesideProject(Project) };
    }

    /// <summary>The default cache: $XDG_CACHE_HOME/perfgate/base-builds, else ~/.cache/perfgate/base-builds (outside any repository, so no
    /// Directory.Build.props of another tree applies).</summary>
    public string Cache =>
        CacheDirectory
        ?? Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "perfgate",
            "base-builds"
        );
}
