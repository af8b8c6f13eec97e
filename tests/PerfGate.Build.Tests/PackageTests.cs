using System.Text.RegularExpressions;

namespace PerfGate.Build.Tests;

/// <summary>
/// PerfGate as a user gets it: the packages are packed into a local folder feed, a fresh test project outside the repository
/// references them the way the README says (PerfGate, PerfGate.Torch, a libtorch backend), and `dotnet test -c Release` gates
/// the user's own model, measured by the host on the user's own build output; and the installed tool (PerfGate.Tool, from a
/// tool manifest) runs the same model on that project's build. Each scenario step by step, as a user lives it.
/// </summary>
public sealed class PackageTests(LocalFeed feed) : IClassFixture<LocalFeed>
{
    [Fact]
    public void A_fresh_project_adds_the_packages_and_the_gate_approves_passes_skips_and_fails_a_widened_layer()
    {
        using var user = FixtureProject.FromPackages("PackagedUser", feed.Folder);
        var version = $"PerfGatePackageVersion={feed.Version}";

        // 1. First run: nothing approved yet. The tests pass, the gate warns and prints how to approve.
        var first = user.Test(version);
        Assert.True(first.Code == 0, first.Output);
        Assert.Contains("warning PG1009", first.Output);
        Assert.Contains("warning PG1004", first.Output);
        Assert.Contains("-c Release -t:PerfGate -p:PerfGateApprove=true", first.Output);

        // 2. Approve, as printed.
        var approval = user.Build("PerfGate", version, "PerfGateApprove=true");
        Assert.True(approval.Code == 0, approval.Output);
        var counts = Path.Combine(user.Baselines, "small-cnn", "counts.verified.json");
        Assert.True(File.Exists(counts), approval.Output);

        // 3. Unchanged: passes and records it. Counts only (PerfGateThroughput=false): this step is about the recorded pass,
        //    and a few seconds of a tiny model's throughput on a loaded 2-core machine must not decide it.
        var pass = user.Test(version, "PerfGateThroughput=false");
        Assert.True(pass.Code == 0, pass.Output);
        Assert.DoesNotContain("PG1001", pass.Output);
        Assert.True(File.Exists(user.PassStamp), pass.Output);

        // 4. Unchanged again: the recorded pass means no re-measuring (MSBuild skips the gate's target).
        var again = user.Test(version, "PerfGateThroughput=false", "-v:normal");
        Assert.True(again.Code == 0, again.Output);
        Assert.Contains("Skipping target \"_PerfGateRun\" because all output files are up-to-date", again.Output);

        // 5. A widened layer fails the build with PG1001 on the layer's line of the counts file.
        var widened = user.Test(version, "FixtureVariant=widened");
        Assert.True(widened.Code != 0, widened.Output);
        var match = Regex.Match(
            widened.Output,
            @"counts\.verified\.json\((\d+)\): error PG1001: small-cnn: conv: flops 110,592 → 221,184 \(\+100\.0%\)"
        );
        Assert.True(match.Success, widened.Output);
        Assert.Equal("      \"conv\": {", File.ReadAllLines(counts)[int.Parse(match.Groups[1].Value) - 1]);
    }

    [Fact]
    public void The_installed_tool_is_small_carries_no_libtorch_and_runs_models_check_approve_and_against_on_the_users_build()
    {
        var package = new FileInfo(feed.Package("PerfGate.Tool"));
        Assert.True(package.Length < 20_000_000, $"PerfGate.Tool is {package.Length:N0} bytes");
        using (var zip = System.IO.Compression.ZipFile.OpenRead(package.FullName))
            Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("torch", StringComparison.OrdinalIgnoreCase));

        // A user's repository that uses the tool only: the project references the packages but does not enable the build gate.
        using var user = FixtureProject.FromPackages("PackagedUser", feed.Folder);
        File.WriteAllText(
            user.Project,
            File.ReadAllText(user.Project)
                .Replace("<PerfGateEnabled>true</PerfGateEnabled>", "")
                .Replace("$(PerfGatePackageVersion)", feed.Version)
        );
        Assert.Equal(0, user.Dotnet("new", "tool-manifest").Code);
        var install = user.Dotnet("tool", "install", "PerfGate.Tool", "--version", feed.Version);
        Assert.True(install.Code == 0, install.Output);

        var models = user.Dotnet("perfgate", "models");
        Assert.True(models.Code == 0, models.Output);
        Assert.Matches(@"small-cnn +declared +3x16x16", models.Output);
        Assert.Matches(@"alexnet +built in", models.Output);

        var flops = user.Dotnet("perfgate", "flops", "--model", "small-cnn");
        Assert.True(flops.Code == 0, flops.Output);
        Assert.Matches(@"conv +Conv2d +\[1x3x16x16\] +\[1x8x16x16\] +224 +55,296 +110,592", flops.Output);

        // The host's error comes back as it was: its code and exit code.
        var unknown = user.Dotnet("perfgate", "flops", "--model", "no-such-model");
        Assert.True(unknown.Code == 2, unknown.Output);
        Assert.Contains("error PG0002", unknown.Output);
        var nowhere = FixtureProject.DotnetIn(user.Baselines, "perfgate", "flops", "--model", "small-cnn");
        Assert.True(nowhere.Code == 2, nowhere.Output);
        Assert.Contains("error PG0005: this command runs your model on your project's build: pass --project", nowhere.Output);

        // First check: nothing approved; the approve command printed is the tool's, never this repository's src/ path.
        var first = user.Dotnet("perfgate", "check", "--counts-only");
        Assert.True(first.Code == 0, first.Output);
        Assert.Contains("PG1009", first.Output);
        Assert.Contains("dotnet perfgate approve --model small-cnn", first.Output);
        Assert.DoesNotContain("src/PerfGate.Cli", first.Output);

        var approve = user.Dotnet("perfgate", "approve", "--model", "small-cnn");
        Assert.True(approve.Code == 0, approve.Output);
        Assert.True(File.Exists(user.Counts("small-cnn")), approve.Output);

        var pass = user.Dotnet("perfgate", "check", "--counts-only");
        Assert.True(pass.Code == 0, pass.Output);
        Assert.Matches(@"small-cnn +counted metrics +120,832 +120,832 +\+0\.0% +exact +PASS", pass.Output);

        // Head against base in one run: both sides built from the project by the tool, counts exact on each side. The
        // throughput verdict of a few seconds is not asserted (PASS or INCONCLUSIVE on a busy machine), only that it ran.
        foreach (
            var git in new[]
            {
                new[] { "init", "-q" },
                ["add", "-A"],
                ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "user model"],
            }
        )
            Assert.Equal(
                0,
                System
                    .Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", git) { WorkingDirectory = user.Directory })!
                    .WaitForExitAndCode()
            );
        var against = user.Dotnet("perfgate", "check", "--against", "HEAD", "--max-seconds", "6");
        Assert.True(against.Code is 0 or 3, against.Output);
        Assert.Matches(@"small-cnn +counted metrics against base +120,832 +120,832 +\+0\.0% +exact +PASS", against.Output);
        Assert.Contains("throughput against base", against.Output);
    }
}

internal static class ProcessExtensions
{
    public static int WaitForExitAndCode(this System.Diagnostics.Process process)
    {
        using (process)
        {
            process.WaitForExit();
            return process.ExitCode;
        }
    }
}
