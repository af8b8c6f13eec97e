using PerfGate.Core;

namespace PerfGate.Orchestration.Building;

/// <summary>The commit being measured, for provenance: CI's variable when set, else git in the working directory, else
/// unknown.</summary>
internal static class MeasuredCommit
{
    public static string? Current()
    {
        if (GitCommit.FromEnvironment() is { } named)
            return named;
        try
        {
            var head = ProcessRunner.Run("git", ["rev-parse", "HEAD"], Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(10));
            return head.ExitCode == 0 && head.Stdout.Trim() is { Length: 40 } sha ? sha : null;
        }
        catch (PerfGateException)
        {
            return null; // git is missing or hangs: provenance without a commit
        }
    }
}
