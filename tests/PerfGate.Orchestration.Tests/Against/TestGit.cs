using System.Diagnostics;

namespace PerfGate.Orchestration.Tests.Against;

/// <summary>git run in a test's repository; a failing command fails the test.</summary>
internal static class TestGit
{
    public static void Run(string repository, params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var git = Process.Start(info)!;
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
    }

    /// <summary>A repository with everything in <paramref name="repository"/> committed on main.</summary>
    public static void CommitAll(string repository)
    {
        Run(repository, "init", "-q", "-b", "main");
        Run(repository, "add", "-A");
        Run(repository, "-c", "user.name=t", "-c", "user.email=t@perfgate.invalid", "commit", "-q", "-m", "base");
    }
}
