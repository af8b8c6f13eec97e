using System.Diagnostics;
using PerfGate.Orchestration.Against;
using PerfGate.Orchestration.Building;

namespace PerfGate.Orchestration.Tests.Against;

/// <summary>
/// The base cache on a real git repository, with the build replaced by one that writes a layout and counts its calls: two runs
/// sharing an entry build once, a damaged entry is built again, and each project of a repository keeps its own entry.
/// </summary>
public sealed class BaseBuildTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("perfgate-basebuild-repo").FullName;
    private readonly string _cache = Directory.CreateTempSubdirectory("perfgate-basebuild-cache").FullName;
    private int _builds;

    public BaseBuildTests()
    {
        foreach (var project in new[] { "one/one.csproj", "two/two.csproj" })
        {
            Directory.CreateDirectory(Path.Combine(_repo, Path.GetDirectoryName(project)!));
            File.WriteAllText(Path.Combine(_repo, project), "<Project />\n");
        }
        TestGit.CommitAll(_repo);
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _repo, _cache })
            Directory.Delete(folder, recursive: true);
    }

    /// <summary>A build that takes a while and leaves the four files of a layout beside the project.</summary>
    private HostLayout SlowBuild(string project, string configuration)
    {
        Interlocked.Increment(ref _builds);
        Thread.Sleep(300);
        var bin = Path.Combine(Path.GetDirectoryName(project)!, "bin", configuration);
        Directory.CreateDirectory(bin);
        var name = Path.GetFileNameWithoutExtension(project);
        var layout = new HostLayout(
            Path.Combine(bin, HostLayout.HostFileName),
            Path.Combine(bin, name + ".runtimeconfig.json"),
            Path.Combine(bin, name + ".deps.json"),
            Path.Combine(bin, name + ".dll")
        );
        foreach (var file in new[] { layout.HostAssembly, layout.RuntimeConfig, layout.DepsFile, layout.TargetPath })
            File.WriteAllText(file, $"{file} as built\n");
        return layout;
    }

    private BaseBuild.Built Prepare(string project, List<string>? lines = null) =>
        BaseBuild.Prepare(
            new AgainstRequest("HEAD", Path.Combine(_repo, project), "Release", CacheDirectory: _cache),
            line =>
            {
                lock (_repo)
                    lines?.Add(line);
            },
            SlowBuild
        );

    [Fact]
    public async Task Two_runs_that_share_one_entry_both_succeed_and_build_once()
    {
        var lines = new List<string>();
        var runs = await Task.WhenAll(Task.Run(() => Prepare("one/one.csproj", lines)), Task.Run(() => Prepare("one/one.csproj", lines)));

        Assert.Equal(1, _builds);
        Assert.Equal(runs[0].Layout, runs[1].Layout);
        Assert.Equal(1, runs.Count(r => r.Reused));
        Assert.True(File.Exists(runs[0].Layout.TargetPath));
    }

    [Fact]
    public void A_damaged_entry_is_built_again_and_says_so()
    {
        var first = Prepare("one/one.csproj");
        File.WriteAllText(first.Layout.TargetPath, "cut sh"); // a truncated DLL
        var lines = new List<string>();

        var again = Prepare("one/one.csproj", lines);

        Assert.False(again.Reused);
        Assert.Equal(2, _builds);
        Assert.Contains(lines, l => l.Contains("one.dll changed or missing") && l.Contains("building it again"));
        Assert.True(Prepare("one/one.csproj").Reused); // and the rebuilt entry is whole again
    }

    [Fact]
    public void A_second_project_of_the_same_repository_keeps_its_own_entry()
    {
        Prepare("one/one.csproj");
        var two = Prepare("two/two.csproj");
        var one = Prepare("one/one.csproj");

        Assert.False(two.Reused);
        Assert.True(one.Reused);
        Assert.Equal(2, _builds);
        Assert.EndsWith("one.dll", one.Layout.TargetPath);
    }
}
