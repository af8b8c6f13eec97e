namespace PerfGate.Build.Tests;

/// <summary>
/// The build gate never judges anything but what was just built, and never lets a user believe it ran when it did not:
/// `dotnet test` on a plain class library builds and gates it; a project importing PerfGate.targets at the end of its own
/// .csproj keeps the gate's files under obj/; without a tolerances file an unchanged project is not re-measured.
/// </summary>
public sealed class HonestGateTests
{
    [Fact]
    public void Dotnet_test_on_a_plain_class_library_builds_it_and_fails_a_widened_layer()
    {
        using var project = new FixtureProject();
        var first = project.Build();
        Assert.True(first.Code == 0, first.Output);
        Assert.Contains("-c Release -t:PerfGate -p:PerfGateApprove=true", first.Output); // the printed command builds what was gated

        // The user's own model, counted by the command line with the rules its workload registers, and listed.
        var flops = project.Perfgate("flops", "--assembly", project.Assembly, "--model", "tiny-cnn");
        Assert.True(flops.Code == 0, flops.Output);
        Assert.Matches(@"conv\s+Conv2d\s+\[1x3x16x16\]\s+\[1x8x16x16\]\s+224\s+55,296\s+110,592", flops.Output); // 8·16·16 outputs × 3·3·3 taps; 2 FLOPs per MAC
        var models = project.Perfgate("models", "--assembly", project.Assembly);
        Assert.True(models.Code == 0, models.Output);
        Assert.Matches(@"tiny-cnn\s+declared\s+3x16x16\s+1,4", models.Output);
        Assert.Matches(@"alexnet\s+built in\s+3x227x227", models.Output);
        var approval = project.Build("PerfGate", "PerfGateApprove=true");
        Assert.True(approval.Code == 0, approval.Output);

        // The fixture is a class library, not a test project: `dotnet test` runs no tests, but the gate must still run on the
        // freshly built (widened) model, not pass on a stale build or on nothing.
        var (code, output) = project.Test("FixtureVariant=widened");

        Assert.True(code != 0, output);
        Assert.Contains("error PG1001", output);
        Assert.Contains("tiny-cnn: conv: flops 110,592 → 221,184", output);
    }

    [Fact]
    public void Imported_at_the_end_of_the_project_the_gate_writes_under_obj_and_a_missing_tolerances_file_does_not_force_measuring_again()
    {
        using var project = new FixtureProject(importTargetsAtEndOfProject: true);
        File.Delete(Path.Combine(project.Baselines, "perfgate.tolerances.json"));
        var (code, output) = project.Build();
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(project.Directory, "obj", "Release", "net10.0", "perfgate", "summary.md")), output);
        Assert.False(Directory.Exists(Path.Combine(project.Directory, "perfgate")));

        // Whatever that 4-second verdict was on this machine, a recorded pass (the stamp the gate writes) must now keep an
        // unchanged project from measuring again: the optional tolerances file, absent, is not an input that is "missing".
        File.WriteAllText(project.PassStamp, "");
        var (again, second) = project.Build("PerfGate", "-v:normal");
        Assert.True(again == 0, second);
        Assert.Contains("Skipping target \"_PerfGateRun\" because all output files are up-to-date", second);
    }
}
