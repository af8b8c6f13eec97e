namespace PerfGate.Build.Tests;

/// <summary>One approved fixture model shared by the scenarios below; each scenario starts from that approved state.</summary>
public sealed class ApprovedFixture : IDisposable
{
    public ApprovedFixture()
    {
        Project = new FixtureProject();
        // A device with no baseline: the build succeeds with a warning and writes the received file.
        FirstBuild = Project.Build();
        StrictFirstBuild = Project.Build("PerfGate", "PerfGateStrict=true");
        Approval = Project.Build("PerfGate", "PerfGateApprove=true");
        ApprovedText = File.ReadAllText(Project.Verified("tiny-cnn"));
        ApprovedCounts = File.ReadAllText(Project.Counts("tiny-cnn"));
    }

    public FixtureProject Project { get; }
    public (int Code, string Output) FirstBuild { get; }
    public (int Code, string Output) StrictFirstBuild { get; }
    public (int Code, string Output) Approval { get; }
    public string ApprovedText { get; }
    public string ApprovedCounts { get; }

    /// <summary>Puts the approved baselines back, removing what a scenario left.</summary>
    public void Reset()
    {
        foreach (var received in Project.Received("tiny-cnn")) File.Delete(received);
        File.WriteAllText(Project.Verified("tiny-cnn"), ApprovedText);
        File.WriteAllText(Project.Counts("tiny-cnn"), ApprovedCounts);
    }

    public void Dispose() => Project.Dispose();
}

/// <summary>
/// The gate on a user's own model, through real `dotnet build` runs of the fixture project: pass, counted change, slowdown,
/// new device, approval, corrupt baseline, crash. Scenarios run one after another and share one approved baseline.
/// </summary>
public sealed class UserModelGateTests(ApprovedFixture fixture) : IClassFixture<ApprovedFixture>
{
    private FixtureProject Project => fixture.Project;

    [Fact]
    public void A_device_without_baseline_warns_writes_the_received_file_and_fails_only_when_strict()
    {
        Assert.True(fixture.FirstBuild.Code == 0, fixture.FirstBuild.Output);
        Assert.Contains("warning PG1004", fixture.FirstBuild.Output);
        Assert.Contains("nothing to compare", fixture.FirstBuild.Output);

        Assert.NotEqual(0, fixture.StrictFirstBuild.Code);
        Assert.Contains("error PG1004", fixture.StrictFirstBuild.Output);

        Assert.True(fixture.Approval.Code == 0, fixture.Approval.Output);
        Assert.Contains("\"conv\"", fixture.ApprovedCounts); // the user's layer names, counted from what ran
        Assert.Contains("\"outputShape\"", fixture.ApprovedCounts);
        Assert.Empty(Project.Received("tiny-cnn"));
    }

    [Fact]
    public void The_unchanged_model_passes_and_the_pass_is_remembered()
    {
        fixture.Reset();
        var (code, output) = Project.BuildUntilPassRecorded();
        Assert.True(code == 0, output);
        Assert.DoesNotContain("error", output);

        // Nothing changed: the recorded pass keeps the next build from measuring again (MSBuild says it skipped the target).
        var (again, second) = Project.Build("PerfGate", "-v:normal");
        Assert.True(again == 0, second);
        Assert.Contains("Skipping target \"_PerfGateRun\" because all output files are up-to-date", second);
    }

    [Fact]
    public void A_widened_layer_fails_with_the_layer_delta_code_and_baseline_path_and_can_be_approved()
    {
        fixture.Reset();
        var verified = Project.Counts("tiny-cnn");

        var (code, output) = Project.Build("PerfGate", "FixtureVariant=widened");
        Assert.NotEqual(0, code);
        var line = int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"counts\.verified\.json\((\d+)\): error PG1001: tiny-cnn: conv: flops 110,592 → 221,184 \(\+100\.0%\)").Groups[1].Value);
        Assert.Equal("      \"conv\": {", File.ReadAllLines(verified)[line - 1]);
        Assert.Equal(fixture.ApprovedCounts, File.ReadAllText(verified));

        // Still failing on the next build: a failing gate does not turn green by itself.
        Assert.NotEqual(0, Project.Build("PerfGate", "FixtureVariant=widened").Code);

        var approval = Project.Build("PerfGate", "FixtureVariant=widened", "PerfGateApprove=true");
        Assert.True(approval.Code == 0, approval.Output);
        Assert.Contains("221184", File.ReadAllText(verified));
        var passing = Project.BuildUntilPassRecorded("FixtureVariant=widened");
        Assert.True(passing.Code == 0, passing.Output);
        Assert.DoesNotContain("PG1001", passing.Output);
    }

    [Fact]
    public void A_twofold_slowdown_fails_with_the_throughput_code()
    {
        fixture.Reset();
        var (code, output) = Project.Build("PerfGate", "FixtureVariant=slow");
        Assert.NotEqual(0, code);
        Assert.Contains("error PG1002", output);
        Assert.Contains("Confirmed by a second measurement", output);
        Assert.DoesNotContain("PG1001", output);
    }

    [Fact]
    public void Approval_is_refused_on_ci()
    {
        fixture.Reset();
        Project.Build("PerfGate", "FixtureVariant=widened"); // leaves a received file
        var (code, output) = Project.Build("PerfGate", "FixtureVariant=widened", "PerfGateApprove=true", "Env.CI=true");
        Assert.NotEqual(0, code);
        Assert.Contains("error PG0401", output);
        Assert.Equal(fixture.ApprovedCounts, File.ReadAllText(Project.Counts("tiny-cnn")));
    }

    [Fact]
    public void A_corrupt_baseline_fails_naming_the_file_and_is_left_as_it_was()
    {
        fixture.Reset();
        var verified = Project.Verified("tiny-cnn");
        var corrupt = fixture.ApprovedText[..(fixture.ApprovedText.Length / 2)];
        File.WriteAllText(verified, corrupt);

        var (code, output) = Project.Build();

        Assert.NotEqual(0, code);
        Assert.Contains($"{verified}(", output);
        Assert.Contains("error PG0201", output);
        Assert.Equal(corrupt, File.ReadAllText(verified));
        Assert.Empty(Project.Received("tiny-cnn"));
    }

    [Fact]
    public void A_model_that_throws_is_a_crash_not_a_regression()
    {
        fixture.Reset();
        var (code, output) = Project.Build("PerfGate", "FixtureVariant=throws");
        Assert.NotEqual(0, code);
        Assert.Contains("error PG0004", output);
        Assert.Contains("the fixture model fails on purpose", output);
        Assert.DoesNotContain("PG1002", output);
        Assert.DoesNotContain("PG1001", output);
    }

    [Fact]
    public void A_measuring_process_that_runs_too_long_is_stopped_with_its_own_code()
    {
        fixture.Reset();
        var (code, output) = Project.Build("PerfGate", "PerfGateTimeoutSeconds=2");
        Assert.NotEqual(0, code);
        Assert.Contains("error PG2005", output);
        Assert.DoesNotContain("PG1002", output);
        Assert.Equal(fixture.ApprovedText, File.ReadAllText(Project.Verified("tiny-cnn")));
    }
}
