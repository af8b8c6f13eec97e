namespace PerfGate.Build.Tests;

/// <summary>
/// PerfGate's four packages (PerfGate, PerfGate.Core, PerfGate.Torch, PerfGate.Tool) packed once into a local folder feed, with
/// a version of their own: the NuGet cache must never hand back packages packed by an earlier run.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    public static readonly string[] Projects = ["PerfGate.Core", "PerfGate.Torch", "PerfGate.Tasks", "PerfGate.Tool"];

    public LocalFeed()
    {
        Folder = Directory.CreateTempSubdirectory("perfgate-feed-").FullName;
        Version = $"0.0.1-e2e.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        foreach (var project in Projects)
        {
            var (packed, log) = FixtureProject.DotnetIn(
                Folder,
                "pack",
                Path.Combine(FixtureProject.RepoRoot, "src", project, project + ".csproj"),
                "-c",
                FixtureProject.Configuration,
                "--no-build",
                "-o",
                Folder,
                $"-p:MinVerVersionOverride={Version}",
                "-nologo"
            );
            if (packed != 0)
                throw new InvalidOperationException($"dotnet pack {project} failed:\n{log}");
        }
    }

    public string Folder { get; }

    public string Version { get; }

    public string Package(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a build server may still hold a package open; the temp folder is cleaned by the OS
        }
    }
}
