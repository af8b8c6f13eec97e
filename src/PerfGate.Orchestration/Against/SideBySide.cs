namespace PerfGate.Orchestration.Against;

/// <summary>
/// What a side-by-side measurement against a commit needs besides the commit: the project built on both sides, its
/// configuration, head's build output when the caller has built it (the build gate, the tool), and the base-build cache.
/// The stored gate carries it so that a suspected change can be measured against the commit its baseline was approved at.
/// </summary>
internal sealed record SideBySide(string Project, string Configuration, Building.HostLayout? Head = null, string? CacheDirectory = null)
{
    /// <summary>This build against <paramref name="commit"/> (an ancestor of HEAD: its own merge-base).</summary>
    public AgainstRequest At(string commit) => new(commit, Project, Configuration, Head, CacheDirectory);
}
