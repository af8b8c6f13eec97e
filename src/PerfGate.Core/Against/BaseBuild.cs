using System.Security.Cryptography;
using System.Text;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Against;

/// <summary>
/// Base's build output: the merge-base of the ref and HEAD, checked out in a git worktree under the cache folder and built
/// from the same project path with the same configuration. A build is kept by commit and configuration (a stamp beside the
/// worktree records its layout), so a rerun against the same base reuses it.
/// </summary>
public static class BaseBuild
{
    public sealed record Built(string Commit, SideLayout Layout, bool Reused);

    private sealed record Stamp(string Commit, string Project, string Configuration, SideLayout Layout);

    public static Built Prepare(AgainstRequest request, Action<string>? progress = null)
    {
        var repo = GitRepository.Containing(request.Project);
        var commit = repo.MergeBase(request.Ref);
        var relative = Path.GetRelativePath(repo.Root, request.Project);
        var folder = Path.Combine(request.Cache, RepositoryKey(repo.Root), commit);
        var stampFile = $"{folder}.{request.Configuration}.built.json";
        if (Reusable(stampFile, commit, relative, request.Configuration) is { } layout)
        {
            progress?.Invoke($"base: reusing the build of {GitRepository.Short(commit)} ({request.Ref}'s merge-base) from {folder}");
            return new Built(commit, layout, Reused: true);
        }

        progress?.Invoke($"base: checking out {GitRepository.Short(commit)} ({request.Ref}'s merge-base with HEAD) in {folder}");
        if (File.Exists(stampFile)) File.Delete(stampFile);
        repo.AddWorktree(folder, commit);
        var project = Path.Combine(folder, relative);
        if (!File.Exists(project))
            throw new PerfGateException("PG0014", $"the base {GitRepository.Short(commit)} has no {relative}: the project is new since {request.Ref}, so there is nothing to measure against. Gate it against stored baselines until it has landed.", request.Project);
        progress?.Invoke($"base: building {relative} -c {request.Configuration}");
        var built = ProjectBuild.Build(project, request.Configuration, "base").Require("base");
        AtomicFile.Write(stampFile, PerfGateJson.Serialize(new Stamp(commit, relative, request.Configuration, built)));
        return new Built(commit, built, Reused: false);
    }

    private static SideLayout? Reusable(string stampFile, string commit, string relative, string configuration)
    {
        if (!File.Exists(stampFile)) return null;
        try
        {
            var stamp = JsonFile.Read<Stamp>(stampFile, "base build stamp");
            return stamp.Commit == commit && stamp.Project == relative && stamp.Configuration == configuration && stamp.Layout.IsComplete() ? stamp.Layout : null;
        }
        catch (PerfGateException)
        {
            return null; // a stamp from another PerfGate version, or cut short: build again
        }
    }

    /// <summary>The repository folder's name and a hash of its path: clones of different repositories never share a folder.</summary>
    private static string RepositoryKey(string root) =>
        $"{Path.GetFileName(root.TrimEnd('/', '\\'))}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..10]}";
}
