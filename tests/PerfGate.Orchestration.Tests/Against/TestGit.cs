using System.Diagnostics;

namespace PerfGate.Orchestration.Tests.Against;

/// <summary>git run in a test's repository; a failing command fails the test.</summary>
internal static class TestGit
{
    public static void Run(string repository, params string[] args) => Output(repository, args);

    /// <summary>What git printed on its standard output.</summary>
    public static string Output(string repository, params string[] args)
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
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        return output;
    }

    /// <summary>A repository with everything in <paramref name="repository"/> committed on main.</summary>
    public static void CommitAll(string repository)
    {
        Run(repository, "init", "-q", "-b", "main");
        Commit(repository, "base");
    }

    /// <summary>Everything in the work tree committed with <paramref name="message"/>.</summary>
    public static void Commit(string repository, string message)
    {
        Run(repository, "add", "-A");
        Run(repository, "-c", "user.name=t", "-c", "user.email=t@perfgate.invalid", "commit", "-q", "-m", message);
    }
}
