using System.Text.RegularExpressions;

namespace PerfGate.Core;

/// <summary>
/// The commit being measured, for provenance: CI's variable when set, else git in the working directory, else unknown. Only a
/// commit id (7 to 64 hex digits) is taken from a variable: anything else there (kilobytes, newlines, escapes) would be stored as
/// it is in approved files.
/// </summary>
public static partial class GitCommit
{
    public static string? Current() =>
        Of(Environment.GetEnvironmentVariable("GITHUB_SHA") ?? Environment.GetEnvironmentVariable("PERFGATE_COMMIT"))
        ?? (ToolOutput.Run("git", "rev-parse", "HEAD") is { Length: 40 } sha ? sha : null);

    /// <summary>The commit id a variable holds, lower-cased; null when it holds none (empty, or not a commit id).</summary>
    public static string? Of(string? variable) =>
        variable?.Trim() is { } value && CommitId().IsMatch(value) ? value.ToLowerInvariant() : null;

    [GeneratedRegex("^[0-9A-Fa-f]{7,64}$")]
    private static partial Regex CommitId();

    /// <summary>A commit as people read it: its first 12 hex digits.</summary>
    public static string Short(string commit) => commit[..Math.Min(12, commit.Length)];
}
