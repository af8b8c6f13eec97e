using System.Security.Cryptography;
using System.Text;
using PerfGate.Core;
using PerfGate.Core.Serialization;
using PerfGate.Orchestration.Building;

namespace PerfGate.Orchestration.Against;

/// <summary>
/// Base's build output: the merge-base of the ref and HEAD, checked out in a git worktree under the cache folder (one per
/// commit) and built from the same project path with the same configuration. Each (commit, project, configuration) is its own
/// cache entry, with a stamp that records the layout and a hash of each of its files, so two gated projects of one repository
/// never evict each other, and a file changed or cut short since (a truncated DLL) is noticed and built again, saying so.
/// One lock per commit (<see cref="CacheLock"/>) is held while the worktree is made and built: a second run waits, then reuses.
/// </summary>
internal static class BaseBuild
{
    /// <summary>How long a run waits for another that is preparing the same base.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(30);

    public sealed record Built(string Commit, HostLayout Layout, bool Reused);

    private sealed record Stamp(
        string Commit,
        string Project,
        string Configuration,
        HostLayout Layout,
        IReadOnlyDictionary<string, string> Hashes
    );

    /// <param name="build">Builds the base project (its path, the configuration) into a layout; by default `dotnet build` (<see
    /// cref="ProjectBuild"/>).</param>
    public static Built Prepare(AgainstRequest request, Action<string>? progress = null, Func<string, string, HostLayout>? build = null)
    {
        build ??= (project, configuration) => ProjectBuild.Build(project, configuration, "base").Require("base");
        var repo = GitRepository.Containing(request.Project);
        var commit = repo.MergeBase(request.Ref);
        var relative = Path.GetRelativePath(repo.Root, request.Project);
        var folder = Path.Combine(request.Cache, RepositoryKey(repo.Root), commit);
        var stampFile = $"{folder}.{EntryKey(relative)}.{request.Configuration}.built.json";

        using var entryLock = CacheLock.Acquire(folder + ".lock", LockTimeout, progress);
        switch (Reusable(stampFile, commit, relative, request.Configuration))
        {
            case (HostLayout layout, null):
                progress?.Invoke($"base: reusing the build of {GitCommit.Short(commit)} ({request.Ref}'s merge-base) from {folder}");
                return new Built(commit, layout, Reused: true);
            case (_, string damaged):
                progress?.Invoke(
                    $"base: the cached build of {GitCommit.Short(commit)} ({relative}, {request.Configuration}) is not what was built "
                        + $"({damaged}); building it again"
                );
                break;
        }

        if (File.Exists(stampFile))
            File.Delete(stampFile);
        if (!repo.HasWorktreeAt(folder, commit))
        {
            progress?.Invoke($"base: checking out {GitCommit.Short(commit)} ({request.Ref}'s merge-base with HEAD) in {folder}");
            repo.AddWorktree(folder, commit);
        }
        var project = Path.Combine(folder, relative);
        if (!File.Exists(project))
            throw new PerfGateException(
                ErrorCodes.BuildFailed,
                $"the base {GitCommit.Short(commit)} has no {relative}: the project is new since {request.Ref}, so there is nothing to "
                    + $"measure against. Gate it against stored baselines until it has landed.",
                request.Project
            );
        progress?.Invoke($"base: building {relative} -c {request.Configuration}");
        var built = build(project, request.Configuration);
        AtomicFile.Write(stampFile, PerfGateJson.Serialize(new Stamp(commit, relative, request.Configuration, built, Hashes(built))));
        return new Built(commit, built, Reused: false);
    }

    /// <summary>The stamped layout when every file is there and unchanged; else null, with what is wrong when a stamp existed.</summary>
    private static (HostLayout? Layout, string? Damaged) Reusable(string stampFile, string commit, string relative, string configuration)
    {
        if (!File.Exists(stampFile))
            return (null, null);
        Stamp stamp;
        try
        {
            stamp = JsonFile.Read<Stamp>(stampFile, "base build stamp");
        }
        catch (PerfGateException)
        {
            return (null, "its stamp is unreadable"); // a stamp from another PerfGate version, or cut short
        }
        if (stamp.Commit != commit || stamp.Project != relative || stamp.Configuration != configuration)
            return (null, "its stamp is for another build");
        var now = Hashes(stamp.Layout);
        var changed = stamp.Hashes.Where(h => now.GetValueOrDefault(h.Key) != h.Value).Select(h => Path.GetFileName(h.Key)).ToArray();
        return changed.Length == 0 && stamp.Hashes.Count == now.Count
            ? (stamp.Layout, null)
            : (null, $"{string.Join(", ", changed)} changed or missing");
    }

    /// <summary>SHA-256 of each file of the layout that exists, by path.</summary>
    private static Dictionary<string, string> Hashes(HostLayout layout) =>
        new[] { layout.HostAssembly, layout.RuntimeConfig, layout.DepsFile, layout.TargetPath }
            .Distinct()
            .Where(File.Exists)
            .ToDictionary(
                p => p,
                p =>
                {
                    using var stream = File.OpenRead(p);
                    return Convert.ToHexStringLower(SHA256.HashData(stream));
                }
            );

    /// <summary>The repository folder's name and a hash of its path: clones of different repositories never share a folder.</summary>
    private static string RepositoryKey(string root) => $"{Path.GetFileName(root.TrimEnd('/', '\\'))}-{HashOf(root)[..10]}";

    /// <summary>The project's name and a hash of its path in the repository: each gated project has its own entry.</summary>
    private static string EntryKey(string relative) =>
        $"{Path.GetFileNameWithoutExtension(relative)}-{HashOf(relative.Replace('\\', '/'))[..8]}";

    private static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
