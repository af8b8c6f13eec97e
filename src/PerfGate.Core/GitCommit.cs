namespace PerfGate.Core;

/// <summary>The commit being measured, for provenance: CI's variable when set, else git in the working directory, else unknown.</summary>
public static class GitCommit
{
    public static string? Current()
    {
        var fromCi = Environment.GetEnvironmentVariable("GITHUB_SHA") ?? Environment.GetEnvironmentVariable("PERFGATE_COMMIT");
        if (!string.IsNullOrEmpty(fromCi))
            return fromCi;
        return ToolOutput.Run("git", "rev-parse", "HEAD") is { Length: 40 } sha ? sha : null;
    }

    /// <summary>A commit as people read it: its first 12 hex digits.</summary>
    public static string Short(string commit) => commit[..Math.Min(12, commit.Length)];
}
