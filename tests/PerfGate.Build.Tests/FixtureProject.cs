using System.Diagnostics;
using System.Reflection;

namespace PerfGate.Build.Tests;

/// <summary>
/// The fixture user project, copied to a temporary folder outside the repository (so no repository build file applies) with a
/// Directory.Build.props/targets that import PerfGate's public props and targets, as a package would.
/// </summary>
public sealed class FixtureProject : IDisposable
{
    private static string Metadata(string key) =>
        typeof(FixtureProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepoRoot => Metadata("RepoRoot");

    public FixtureProject(string name = "UserModel")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("perfgate-fixture-").FullName;
        var source = Path.Combine(RepoRoot, "tests", "fixtures", name);
        foreach (var file in System.IO.Directory.GetFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/") && !f.Contains("/obj/")))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var bin = Path.Combine(RepoRoot, "src", "PerfGate.Cli", "bin", Metadata("Configuration"), "net10.0") + "/";
        var tasks = Path.Combine(RepoRoot, "src", "PerfGate.Tasks", "bin", Metadata("Configuration"), "net10.0", "PerfGate.Tasks.dll");
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <PerfGateTasksAssembly>{tasks}</PerfGateTasksAssembly>
                <PerfGateToolPath>{bin}perfgate.dll</PerfGateToolPath>
                <PerfGateLibDirectory>{bin}</PerfGateLibDirectory>
              </PropertyGroup>
              <Import Project="{RepoRoot}build/PerfGate.props" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.targets"), $"""
            <Project>
              <Import Project="{RepoRoot}build/PerfGate.targets" />
            </Project>
            """);
        Project = Path.Combine(Directory, name + ".csproj");
    }

    public string Directory { get; }
    public string Project { get; }
    public string Baselines => Path.Combine(Directory, "baselines");

    /// <summary>The model's throughput baseline for this machine's device class.</summary>
    public string Verified(string model) => System.IO.Directory.GetFiles(Path.Combine(Baselines, model), "cpu-*.verified.json").Single();

    /// <summary>The model's counted-metrics baseline (every machine).</summary>
    public string Counts(string model) => Path.Combine(Baselines, model, "counts.verified.json");

    public IEnumerable<string> Received(string model) =>
        System.IO.Directory.Exists(Path.Combine(Baselines, model)) ? System.IO.Directory.GetFiles(Path.Combine(Baselines, model), "*.received.json") : [];

    /// <summary>
    /// Runs `dotnet build -c Release` on the fixture with the given target and properties (Name=Value; an "Env.NAME=value" entry
    /// sets an environment variable of the build instead; an entry starting with '-' is passed as it is, e.g. "-v:normal");
    /// returns the exit code and all output.
    /// </summary>
    public (int Code, string Output) Build(string target = "PerfGate", params string[] properties)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Directory };
        var verbosity = properties.FirstOrDefault(p => p.StartsWith("-v:", StringComparison.Ordinal)) ?? "-v:minimal";
        foreach (var arg in new[] { "build", Project, "-c", "Release", "-t:" + target, "-nologo", "-nodeReuse:false", verbosity, "-p:UseSharedCompilation=false" }
                     .Concat(properties.Where(p => p.StartsWith('-') && !p.StartsWith("-v:", StringComparison.Ordinal)))
                     .Concat(properties.Where(p => !p.StartsWith("Env.", StringComparison.Ordinal) && !p.StartsWith('-')).Select(p => "-p:" + p)))
            info.ArgumentList.Add(arg);
        info.Environment.Remove("CI"); // the tests decide when CI is set
        foreach (var p in properties.Where(p => p.StartsWith("Env.", StringComparison.Ordinal))) info.Environment[p[4..].Split('=')[0]] = p.Split('=', 2)[1];
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet build {target} did not finish in 5 minutes:\n{stdout.Result}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a build server may still hold a file; the temp folder is cleaned by the OS
        }
    }
}
