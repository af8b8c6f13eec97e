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
        // 8·16·16 outputs × 3·3·3 taps; 2 FLOPs per MAC
        Assert.Matches(@"conv\s+Conv2d\s+\[1x3x16x16\]\s+\[1x8x16x16\]\s+224\s+55,296\s+110,592", flops.Output);
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
        Assert.Contains("PerfGate: UserModel is up to date: it passed at", second); // said in one line, not skipped in silence
    }

    [Fact]
    public void Under_the_testing_platform_dotnet_test_the_gate_still_runs_and_fails_a_widened_layer()
    {
        // The fixture as an xunit.v3 test project under the .NET 10 SDK's Microsoft.Testing.Platform `dotnet test`, which runs
        // no MSBuild target after the tests: the gate runs after its build (_MTPBuild) instead of not at all.
        using var project = new FixtureProject();
        File.WriteAllText(
            project.Project,
            File.ReadAllText(project.Project)
                .Replace(
                    "<PerfGateEnabled>true</PerfGateEnabled>",
                    "<PerfGateEnabled>true</PerfGateEnabled>\n    <OutputType>Exe</OutputType>\n    <IsTestProject>true</IsTestProject>"
                )
                .Replace(
                    "<PackageReference Include=\"TorchSharp-cpu\" Version=\"0.107.0\" />",
                    "<PackageReference Include=\"TorchSharp-cpu\" Version=\"0.107.0\" />\n    <PackageReference Include=\"xunit.v3\" "
                        + "Version=\"4.0.2\" />"
                )
        );
        File.WriteAllText(
            Path.Combine(project.Directory, "ModelTests.cs"),
            "namespace UserModel;\npublic class ModelTests { [Xunit.Fact] public void Builds() => Xunit.Assert.NotNull(new TinyCnn()); }\n"
        );
        File.WriteAllText(Path.Combine(project.Directory, "global.json"), "{ \"test\": { \"runner\": \"Microsoft.Testing.Platform\" } }\n");
        var first = project.Dotnet("test", "-c", "Release");
        Assert.True(first.Code == 0, first.Output);
        Assert.Contains("warning PG1009", first.Output); // the gate ran
        Assert.True(project.Build("PerfGate", "PerfGateApprove=true").Code == 0);

        var (code, output) = project.Dotnet("test", "-c", "Release", "-p:FixtureVariant=widened");
        Assert.True(code != 0, output);
        Assert.Contains("error PG1001: tiny-cnn: conv: flops 110,592 → 221,184", output);
    }
}
