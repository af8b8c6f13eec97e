using PerfGate.Core;

namespace PerfGate.Orchestration.Building;

/// <summary>
/// The git operations A/B needs, by running git: the repository a project lives in, the merge-base of a ref and HEAD, and a
/// detached worktree of a commit. Failures are PG0013 with git's own message (an unknown ref, a shallow clone, no repository).
/// </summary>
internal sealed class GitRepository(string root)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public string Root { get; } = root;

    public static GitRepository Containing(string path)
    {
        var result = Git(Path.GetDirectoryName(Path.GetFullPath(path))!, "rev-parse", "--show-toplevel");
        if (result.ExitCode != 0)
            throw new PerfGateException(ErrorCodes.GitFailed, $"--against needs the project in a git repository: {result.Tail(2)}", path);
        return new GitRepository(result.Stdout.Trim());
    }

    /// <summary>The commit the pull request branched from: merge-base of <paramref name="reference"/> and HEAD.</summary>
    public string MergeBase(string reference)
    {
        var resolved = Git(Root, "rev-parse", "--verify", "--quiet", reference + "^{commit}");
        if (resolved.ExitCode != 0)
            throw new PerfGateException(
                ErrorCodes.GitFailed,
                $"--against {reference}: no such commit, branch or tag in {Root}. In CI, check out with full history (actions/checkout "
                    + $"fetch-depth: 0) and fetch the base branch."
            );
        var result = Git(Root, "merge-base", reference, "HEAD");
        if (result.ExitCode != 0)
            throw new PerfGateException(
                ErrorCodes.GitFailed,
                $"--against {reference}: git found no merge-base with HEAD ({result.Tail(2)}). A shallow clone lacks the history: fetch "
                    + $"with fetch-depth: 0."
            );
        return result.Stdout.Trim();
    }

    /// <summary>
    /// The commit a verified baseline was approved at: the last commit that changed <paramref name="file"/>, which must be
    /// committed as it is now and lie in HEAD's history (so that the commit's code is what the snapshot measured).
    /// PG0013 saying why otherwise.
    /// </summary>
    public string ApprovedAt(string file)
    {
        var path = Path.GetFullPath(file);
        var changed = Git(Root, "status", "--porcelain", "--", path);
        if (changed.ExitCode != 0)
            throw new PerfGateException(ErrorCodes.GitFailed, $"git could not say whether {path} is committed: {changed.Tail(2)}", path);
        if (changed.Stdout.Trim().Length > 0)
            throw new PerfGateException(
                ErrorCodes.GitFailed,
                "the approved baseline is not committed as it is now, so no commit holds the code it measured; commit it with the code "
                    + "it was approved for",
                path
            );
        var last = Git(Root, "log", "-1", "--format=%H", "--", path);
        if (last.ExitCode != 0 || last.Stdout.Trim().Length == 0)
            throw new PerfGateException(
                ErrorCodes.GitFailed,
                $"no commit in HEAD's history holds the approved baseline{(last.ExitCode == 0 ? "" : $" ({last.Tail(2)})")}; "
                    + "a shallow clone lacks the history: fetch with fetch-depth: 0",
                path
            );
        var commit = last.Stdout.Trim();
        // In a shallow clone (actions/checkout's default depth 1) the oldest fetched commit seems to add every file: it would be
        // taken for the approval, and head measured against itself.
        var shallow = Git(Root, "rev-parse", "--is-shallow-repository");
        if (shallow.Stdout.Trim() == "true" && Git(Root, "rev-parse", "--verify", "--quiet", commit + "^").ExitCode != 0)
            throw new PerfGateException(
                ErrorCodes.GitFailed,
                $"this is a shallow clone: {GitCommit.Short(commit)} is where its history is cut, not where the baseline was approved; "
                    + "fetch with fetch-depth: 0",
                path
            );
        return commit;
    }

    /// <summary>Whether <paramref name="folder"/> is a worktree of this repository checked out at <paramref name="commit"/>,
    /// unchanged.</summary>
    public bool HasWorktreeAt(string folder, string commit)
    {
        if (!Directory.Exists(folder))
            return false;
        var (head, changed) = State(folder);
        return head == commit && changed == false;
    }

    /// <summary>What head is, for people: "HEAD 0123456789ab", with "plus uncommitted changes" when the work tree has them.</summary>
    public string DescribeHead()
    {
        var (head, changed) = State(Root);
        return $"HEAD {(head is null ? "(no commit)" : GitCommit.Short(head))}{(changed == true ? " plus uncommitted changes" : "")}";
    }

    /// <summary>The commit checked out in <paramref name="directory"/> and whether tracked files differ from it (null where git could not
    /// say).</summary>
    private static (string? Head, bool? Changed) State(string directory)
    {
        var head = Git(directory, "rev-parse", "HEAD");
        var status = Git(directory, "status", "--porcelain", "--untracked-files=no");
        return (head.ExitCode == 0 ? head.Stdout.Trim() : null, status.ExitCode == 0 ? status.Stdout.Trim().Length > 0 : null);
    }

    /// <summary>A detached worktree of <paramref name="commit"/> at <paramref name="folder"/>, replacing whatever was there.</summary>
    public void AddWorktree(string folder, string commit)
    {
        if (Directory.Exists(folder))
        {
            Git(Root, "worktree", "remove", "--force", folder);
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        Git(Root, "worktree", "prune");
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        var result = Git(Root, "worktree", "add", "--detach", "--force", folder, commit);
        if (result.ExitCode != 0)
            throw new PerfGateException(
                ErrorCodes.GitFailed,
                $"git could not check out the base {GitCommit.Short(commit)} in a worktree at {folder}: {result.Tail(3)}"
            );
    }

    private static ProcessRunner.Result Git(string directory, params string[] args) => ProcessRunner.Run("git", args, directory, Timeout);
}
