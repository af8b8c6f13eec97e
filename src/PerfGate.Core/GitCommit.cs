using System.Text.RegularExpressions;

namespace PerfGate.Core;

/// <summary>
/// Commit ids as PerfGate takes and shows them. Only a commit id (7 to 64 hex digits) is taken from a variable: anything else
/// there (kilobytes, newlines, escapes) would be stored as it is in approved files. Asking git is the orchestration's
/// (<c>MeasuredCommit</c>).
/// </summary>
internal static partial class GitCommit
{
    /// <summary>The commit CI names in its variables (GITHUB_SHA, PERFGATE_COMMIT), or null.</summary>
    public static string? FromEnvironment() =>
        Of(Environment.GetEnvironmentVariable("GITHUB_SHA") ?? Environment.GetEnvironmentVariable("PERFGATE_COMMIT"));

    /// <summary>The commit id a variable holds, lower-cased; null when it holds none (empty, or not a commit id).</summary>
    public static string? Of(string? variable) =>
        variable?.Trim() is { } value && CommitId().IsMatch(value) ? value.ToLowerInvariant() : null;

    [GeneratedRegex("^[0-9A-Fa-f]{7,64}$")]
    private static partial Regex CommitId();

    /// <summary>A commit as people read it: its first 12 hex digits.</summary>
    public static string Short(string commit) => commit[..Math.Min(12, commit.Length)];
}
