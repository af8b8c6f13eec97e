using PerfGate.Core;
using PerfGate.Core.Gate;
using PerfGate.Orchestration.Against;
using PerfGate.Orchestration.Building;

namespace PerfGate.Orchestration.Tests.Against;

/// <summary>What `--against` refuses before it builds or starts anything.</summary>
public sealed class AgainstRequestTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-against-request-").FullName;

    private string Project => Path.Combine(_dir, "My.csproj");

    public AgainstRequestTests() => File.WriteAllText(Project, "<Project />");

    private static CheckRequest Check(string? assembly = null, string? results = null) =>
        new([], false, assembly, null, results, "baselines", null, 60, 1, "cpu");

    [Theory]
    [InlineData("", "needs a git ref")]
    [InlineData("--model", "needs a git ref")]
    public void A_missing_or_option_like_ref_is_refused(string reference, string message)
    {
        var error = Assert.Throws<PerfGateException>(() => new AgainstRequest(reference, Project, "Release").Validate(Check()));
        Assert.Equal("PG0005", error.Code);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_project_that_does_not_exist_is_named()
    {
        var error = Assert.Throws<PerfGateException>(() =>
            new AgainstRequest("main", Path.Combine(_dir, "Nope.csproj"), "Release").Validate(Check())
        );
        Assert.Equal(("PG0005", Path.Combine(_dir, "Nope.csproj")), (error.Code, error.File));
    }

    [Fact]
    public void Results_or_an_assembly_beside_against_would_be_ignored_and_are_refused()
    {
        Assert.Contains(
            "--results",
            Assert
                .Throws<PerfGateException>(() => new AgainstRequest("main", Project, "Release").Validate(Check(results: "r.json")))
                .Message
        );
        Assert.Contains(
            "drop --assembly",
            Assert
                .Throws<PerfGateException>(() => new AgainstRequest("main", Project, "Release").Validate(Check(assembly: "x.dll")))
                .Message
        );
    }

    [Fact]
    public void Head_paths_from_the_build_gate_are_made_absolute_from_the_project_folder()
    {
        var request = new AgainstRequest(
            "main",
            Project,
            "Release",
            new HostLayout("bin/Release/net10.0/PerfGate.Host.dll", "bin/a.json", "bin/b.json", "bin/My.dll")
        ).Validate(Check());
        Assert.Equal(Path.Combine(_dir, "bin", "Release", "net10.0", "PerfGate.Host.dll"), request.Head!.HostAssembly);
        Assert.Equal(Path.Combine(_dir, "bin", "My.dll"), request.Head.TargetPath);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
