using System.Text.RegularExpressions;

namespace PerfGate.Build.Tests;

/// <summary>
/// PerfGate as a user gets it: the packages are packed into a local folder feed, a fresh test project outside the repository
/// references them the way the README says (PerfGate, PerfGate.Torch, a libtorch backend), and `dotnet test -c Release` gates
/// the user's own model, measured by the host on the user's own build output. One scenario, step by step, as a user lives it.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _feed = Directory.CreateTempSubdirectory("perfgate-feed-").FullName;

    // A version of its own per run: the NuGet cache must never hand back packages packed by an earlier run.
    private readonly string _version = $"0.0.1-e2e.{DateTime.UtcNow:yyyyMMddHHmmssfff}";

    public void Dispose()
    {
        try
        {
            Directory.Delete(_feed, recursive: true);
        }
        catch (IOException)
        {
            // a build server may still hold a package open; the temp folder is cleaned by the OS
        }
    }

    [Fact]
    public void A_fresh_project_adds_the_packages_and_the_gate_approves_passes_skips_and_fails_a_widened_layer()
    {
        using var user = FixtureProject.FromPackages("PackagedUser", _feed);
        foreach (var project in new[] { "PerfGate.Core", "PerfGate.Torch", "PerfGate.Tasks" })
        {
            var (packed, log) = user.Dotnet("pack", Path.Combine(FixtureProject.RepoRoot, "src", project, project + ".csproj"), "-c", FixtureProject.Configuration,
                "--no-build", "-o", _feed, $"-p:MinVerVersionOverride={_version}", "-nologo");
            Assert.True(packed == 0, log);
        }
        Assert.Equal(["PerfGate." + _version + ".nupkg", "PerfGate.Core." + _version + ".nupkg", "PerfGate.Torch." + _version + ".nupkg"],
            Directory.GetFiles(_feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var version = $"PerfGatePackageVersion={_version}";

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
        var match = Regex.Match(widened.Output, @"counts\.verified\.json\((\d+)\): error PG1001: small-cnn: conv: flops 110,592 → 221,184 \(\+100\.0%\)");
        Assert.True(match.Success, widened.Output);
        Assert.Equal("      \"conv\": {", File.ReadAllLines(counts)[int.Parse(match.Groups[1].Value) - 1]);
    }
}
