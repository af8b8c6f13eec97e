namespace PerfGate.Build.Tests;

/// <summary>
/// One approved fixture model for the scenarios below. What the first builds and the approval left is recorded here, once;
/// every scenario then starts from exactly that approved state (<see cref="Reset"/>), never from what another scenario left.
/// </summary>
public sealed class ApprovedFixture : IDisposable
{
    private readonly Dictionary<string, string> _approvedFiles;

    public ApprovedFixture()
    {
        Project = new FixtureProject();
        // A device with no baseline: the build succeeds with a warning and writes the received file. NEW whatever the
        // machine's noise: nothing is compared.
        FirstBuild = Project.Build();
        StrictFirstBuild = Project.Build("PerfGate", "PerfGateStrict=true");
        Approval = Project.Build("PerfGate", "PerfGateApprove=true");
        ReceivedAfterApproval = Project.Received("tiny-cnn").ToArray();
        ApprovedText = File.ReadAllText(Project.Verified("tiny-cnn"));
        ApprovedCounts = File.ReadAllText(Project.Counts("tiny-cnn"));
        _approvedFiles = Directory.GetFiles(Project.Baselines, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
    }

    public FixtureProject Project { get; }
    public (int Code, string Output) FirstBuild { get; }
    public (int Code, string Output) StrictFirstBuild { get; }
    public (int Code, string Output) Approval { get; }
    public IReadOnlyList<string> ReceivedAfterApproval { get; }
    public string ApprovedText { get; }
    public string ApprovedCounts { get; }

    /// <summary>
    /// Puts the baselines folder back exactly as approved (every file, nothing more) and forgets the gate's own state under
    /// obj/ (its recorded pass, results and settings), so that a scenario sees neither another's files nor its recorded pass.
    /// </summary>
    public void Reset()
    {
        foreach (
            var file in Directory.GetFiles(Project.Baselines, "*", SearchOption.AllDirectories).Where(f => !_approvedFiles.ContainsKey(f))
        )
            File.Delete(file);
        foreach (var (file, text) in _approvedFiles)
            File.WriteAllText(file, text);
        var state = Path.GetDirectoryName(Project.PassStamp)!;
        if (Directory.Exists(state))
            Directory.Delete(state, recursive: true);
    }

    public void Dispose() => Project.Dispose();
}

/// <summary>
/// The gate on a user's own model, through real `dotnet build` runs of the fixture project: pass, counted change, slowdown,
/// new device, approval, corrupt baseline, crash, bad properties. Scenarios share one built and approved fixture, and each
/// starts from that approved state. Scenarios about counts and incrementality gate with PerfGateThroughput=false, so that no
/// throughput verdict (a few seconds of a tiny model on a noisy 2-core machine) can decide them; throughput is tested where the
/// change is large (a twofold slowdown).
/// </summary>
public sealed class UserModelGateTests : IClassFixture<ApprovedFixture>
{
    private readonly ApprovedFixture fixture;

    public UserModelGateTests(ApprovedFixture fixture)
    {
        this.fixture = fixture;
        fixture.Reset();
    }

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
        // What the printed command approved is the gate's run and two more launches in fresh processes: it knows its drift.
        Assert.Contains("\"runs\": 3", fixture.ApprovedText);
        Assert.Contains("\"conv\"", fixture.ApprovedCounts); // the user's layer names, counted from what ran
        Assert.Contains("\"outputShape\"", fixture.ApprovedCounts);
        Assert.Empty(fixture.ReceivedAfterApproval);
    }

    [Fact]
    public void The_unchanged_model_passes_and_the_pass_is_remembered()
    {
        var (code, output) = Project.Build("PerfGate", "PerfGateThroughput=false");
        Assert.True(code == 0, output);
        Assert.DoesNotContain("error", output);
        Assert.Contains("PG1011", output); // said, not hidden: throughput was not measured
        Assert.True(File.Exists(Project.PassStamp), output);

        // Nothing changed: the recorded pass keeps the next build from measuring again (MSBuild says it skipped the target).
        var (again, second) = Project.Build("PerfGate", "PerfGateThroughput=false", "-v:normal");
        Assert.True(again == 0, second);
        Assert.Contains("Skipping target \"_PerfGateRun\" because all output files are up-to-date", second);
    }

    [Fact]
    public void A_widened_layer_fails_with_the_layer_delta_code_and_baseline_path_and_can_be_approved()
    {
        var verified = Project.Counts("tiny-cnn");

        var (code, output) = Project.Build("PerfGate", "FixtureVariant=widened");
        Assert.NotEqual(0, code);
        var line = int.Parse(
            System
                .Text.RegularExpressions.Regex.Match(
                    output,
                    @"counts\.verified\.json\((\d+)\): error PG1001: tiny-cnn: conv: flops 110,592 → 221,184 \(\+100\.0%\)"
                )
                .Groups[1]
                .Value
        );
        Assert.Equal("      \"conv\": {", File.ReadAllLines(verified)[line - 1]);
        Assert.Equal(fixture.ApprovedCounts, File.ReadAllText(verified));

        // Still failing on the next build: a failing gate does not turn green by itself.
        Assert.NotEqual(0, Project.Build("PerfGate", "FixtureVariant=widened").Code);

        var approval = Project.Build("PerfGate", "FixtureVariant=widened", "PerfGateApprove=true");
        Assert.True(approval.Code == 0, approval.Output);
        Assert.Contains("221184", File.ReadAllText(verified));
        var passing = Project.Build("PerfGate", "FixtureVariant=widened", "PerfGateThroughput=false");
        Assert.True(passing.Code == 0, passing.Output);
        Assert.DoesNotContain("PG1001", passing.Output);
        Assert.True(File.Exists(Project.PassStamp), passing.Output);
    }

    [Fact]
    public void A_twofold_slowdown_fails_with_the_throughput_code()
    {
        var (code, output) = Project.Build("PerfGate", "FixtureVariant=slow");
        Assert.NotEqual(0, code);
        Assert.Contains("error PG1002", output);
        Assert.Contains("Confirmed by a second measurement", output);
        Assert.DoesNotContain("PG1001", output);
    }

    [Fact]
    public void Approving_with_nothing_received_fails_the_build_as_the_command_line_fails()
    {
        var (code, output) = Project.Build("PerfGate", "PerfGateApprove=true");
        Assert.NotEqual(0, code);
        Assert.Contains("error PG0402: nothing to approve: no received baselines for any model. Run the gate first", output);
        Assert.Equal(fixture.ApprovedCounts, File.ReadAllText(Project.Counts("tiny-cnn")));
    }

    [Fact]
    public void Approval_is_refused_on_ci()
    {
        Project.Build("PerfGate", "FixtureVariant=widened"); // leaves a received file
        var (code, output) = Project.Build("PerfGate", "FixtureVariant=widened", "PerfGateApprove=true", "Env.CI=true");
        Assert.NotEqual(0, code);
        Assert.Contains("error PG0401", output);
        Assert.Equal(fixture.ApprovedCounts, File.ReadAllText(Project.Counts("tiny-cnn")));
    }

    [Fact]
    public void A_corrupt_baseline_fails_naming_the_file_and_is_left_as_it_was()
    {
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
        var (code, output) = Project.Build("PerfGate", "PerfGateTimeoutSeconds=2");
        Assert.NotEqual(0, code);
        Assert.Contains("error PG2005", output);
        Assert.DoesNotContain("PG1002", output);
        Assert.Equal(fixture.ApprovedText, File.ReadAllText(Project.Verified("tiny-cnn")));
    }

    [Fact]
    public void A_model_named_in_another_case_is_gated_under_its_declared_name()
    {
        File.WriteAllText(Project.Counts("tiny-cnn"), fixture.ApprovedCounts.Replace("110592", "110593")); // a tampered count
        var (code, output) = Project.Build("PerfGate", "PerfGateModels= TINY-CNN ", "PerfGateThroughput=false");
        Assert.NotEqual(0, code); // judged against baselines/tiny-cnn, not "nothing approved" for a folder TINY-CNN
        Assert.Contains("error PG1001: tiny-cnn: conv: flops 110,593 → 110,592", output);
        Assert.False(Directory.Exists(Path.Combine(Project.Baselines, "TINY-CNN")));
    }

    [Theory]
    // %3B: a literal ';' on MSBuild's command line
    [InlineData("PerfGateModels=%3B", "error PG0012: the model selection ';' names no model")]
    [InlineData("PerfGateMaxSeconds=abc", "error PG0016: PerfGateMaxSeconds is 'abc': it must be a number of seconds")]
    [InlineData("PerfGateRunAfterTests=maybe", "error PG0016: PerfGateRunAfterTests is 'maybe': it must be true or false.")]
    [InlineData("PerfGateThroughput=ja", "error PG0016: PerfGateThroughput is 'ja': it must be true or false.")]
    public void A_bad_property_stops_the_gate_with_a_perfgate_code_naming_it(string property, string expected)
    {
        var (code, output) = Project.Build("PerfGate", property);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, output);
        Assert.DoesNotContain("MSB4030", output);
        Assert.False(File.Exists(Project.PassStamp));
    }
}
