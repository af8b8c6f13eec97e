using System.Diagnostics;

namespace PerfGate.Torch.Runtime;

/// <summary>The commit being measured, for provenance: CI's variable when set, else git in the working directory, else unknown.</summary>
public static class GitCommit
{
    public static string? Current()
    {
        var fromCi = Environment.GetEnvironmentVariable("GITHUB_SHA") ?? Environment.GetEnvironmentVariable("PERFGATE_COMMIT");
        if (!string.IsNullOrEmpty(fromCi)) return fromCi;
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["rev-parse", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (git is null) return null;
            var sha = git.StandardOutput.ReadToEnd().Trim();
            return git.WaitForExit(5000) && git.ExitCode == 0 && sha.Length == 40 ? sha : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
