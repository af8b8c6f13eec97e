using System.Diagnostics;
using PerfGate.Core;
using PerfGate.Core.Gate;
using PerfGate.Orchestration.Against;

namespace PerfGate.Orchestration.Tests.Against;

/// <summary>
/// The third sweep's weak spot: an unknown --against ref was reported only after head was built (15–80 s). The project here
/// cannot even be built, so a run that builds head first fails on that build instead of naming the ref.
/// </summary>
public sealed class UnknownRefTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("perfgate-unknown-ref").FullName;

    public UnknownRefTests()
    {
        File.WriteAllText(Path.Combine(_repo, "user.csproj"), "this is not a project file\n");
        Directory.CreateDirectory(Path.Combine(_repo, "baselines"));
        TestGit.CommitAll(_repo);
    }

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    [Fact]
    public void An_unknown_ref_is_pg0013_before_head_is_built()
    {
        var check = new CheckRequest([], false, null, null, null, Path.Combine(_repo, "baselines"), null, 10, 1, "cpu");
        var against = new AgainstRequest("origin/no-such-branch", Path.Combine(_repo, "user.csproj"), "Release");
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<PerfGateException>(() => AgainstGate.Check(GateSetup.Load(check), against));

        Assert.Equal("PG0013", e.Code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
