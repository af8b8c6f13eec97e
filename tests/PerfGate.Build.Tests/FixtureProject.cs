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

    public static string Configuration => Metadata("Configuration");

    /// <param name="importTargetsAtEndOfProject">Import PerfGate.targets at the end of the .csproj, as a hand-written project would,
    /// instead of from Directory.Build.targets (which MSBuild imports after the SDK's own targets).</param>
    public FixtureProject(string name = "UserModel", bool importTargetsAtEndOfProject = false)
        : this(name)
    {
        string Built(string project, string file) => Path.Combine(RepoRoot, "src", project, "bin", Configuration, "net10.0", file);
        // The fixture references the repository's PerfGate.Torch as a user references its package; it is built already, so the
        // fixture's builds only use its output (BuildProjectReferences=false), and TorchSharp-cpu is hard-linked, not copied.
        File.WriteAllText(
            Path.Combine(Directory, "Directory.Build.props"),
            $"""
            <Project>
              <PropertyGroup>
                <PerfGateTasksAssembly>{Built("PerfGate.Tasks", "PerfGate.Tasks.dll")}</PerfGateTasksAssembly>
                <PerfGateHostPath>{Built("PerfGate.Host", "PerfGate.Host.dll")}</PerfGateHostPath>
                <PerfGateTorchProject>{RepoRoot}src/PerfGate.Torch/PerfGate.Torch.csproj</PerfGateTorchProject>
                <BuildProjectReferences>false</BuildProjectReferences>
                <CreateHardLinksForCopyLocalIfPossible>true</CreateHardLinksForCopyLocalIfPossible>
              </PropertyGroup>
              <Import Project="{RepoRoot}build/PerfGate.props" />
            </Project>
            """
        );
        var import = $"""<Import Project="{RepoRoot}build/PerfGate.targets" />""";
        File.WriteAllText(
            Path.Combine(Directory, "Directory.Build.targets"),
            $"<Project>\n  {(importTargetsAtEndOfProject ? "" : import)}\n</Project>\n"
        );
        if (importTargetsAtEndOfProject)
            File.WriteAllText(Project, File.ReadAllText(Project).Replace("</Project>", $"  {import}\n</Project>"));
    }

    public string Directory { get; }
    public string Project { get; }
    public string Baselines => Path.Combine(Directory, "baselines");

    private FixtureProject(string name)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("perfgate-fixture-").FullName;
        var source = Path.Combine(RepoRoot, "tests", "fixtures", name);
        foreach (
            var file in System
                .IO.Directory.GetFiles(source, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
        )
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Project = Path.Combine(Directory, name + ".csproj");
    }

    /// <summary>A fixture that gets PerfGate the way a user does: from packages, here from a local folder feed beside the usual
    /// sources.</summary>
    public static FixtureProject FromPackages(string name, string feed)
    {
        var project = new FixtureProject(name);
        File.WriteAllText(
            Path.Combine(project.Directory, "nuget.config"),
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="perfgate-local" value="{feed}" />
              </packageSources>
            </configuration>
            """
        );
        return project;
    }

    /// <summary>The model's throughput baseline for this machine's device class.</summary>
    public string Verified(string model) => System.IO.Directory.GetFiles(Path.Combine(Baselines, model), "cpu-*.verified.json").Single();

    /// <summary>The model's counted-metrics baseline (every machine).</summary>
    public string Counts(string model) => Path.Combine(Baselines, model, "counts.verified.json");

    public IEnumerable<string> Received(string model) =>
        System.IO.Directory.Exists(Path.Combine(Baselines, model))
            ? System.IO.Directory.GetFiles(Path.Combine(Baselines, model), "*.received.json")
            : [];

    /// <summary>
    /// Runs `dotnet build -c Release` on the fixture with the given target and properties (Name=Value; an "Env.NAME=value" entry
    /// sets an environment variable of the build instead; an entry starting with '-' is passed as it is, e.g. "-v:normal");
    /// returns the exit code and all output.
    /// </summary>
    public (int Code, string Output) Build(string target = "PerfGate", params string[] properties) =>
        Run(["build", Project, "-t:" + target], properties);

    /// <summary>Where the gate records a pass (obj/Release/net10.0/perfgate/gate.passed).</summary>
    public string PassStamp => Path.Combine(Directory, "obj", "Release", "net10.0", "perfgate", "gate.passed");

    /// <summary>The fixture's built assembly (after a Release build).</summary>
    public string Assembly => Path.Combine(Directory, "bin", "Release", "net10.0", Path.GetFileNameWithoutExtension(Project) + ".dll");

    /// <summary>Runs the perfgate command line of this repository's build, as a user would run the tool.</summary>
    public (int Code, string Output) Perfgate(params string[] args) =>
        Run([Path.Combine(RepoRoot, "src", "PerfGate.Cli", "bin", Configuration, "net10.0", "perfgate.dll"), .. args], [], raw: true);

    /// <summary>Runs `dotnet` with exactly these arguments in the fixture's folder.</summary>
    public (int Code, string Output) Dotnet(params string[] args) => Run(args, [], raw: true);

    /// <summary>Runs `dotnet` with exactly these arguments in <paramref name="folder"/>.</summary>
    public static (int Code, string Output) DotnetIn(string folder, params string[] args) => Run(folder, args, [], raw: true);

    /// <summary>Runs `dotnet test -c Release` on the fixture, as a user would on any project that enables the gate.</summary>
    public (int Code, string Output) Test(params string[] properties) => Run(["test", Project], properties);

    private (int Code, string Output) Run(string[] command, string[] properties, bool raw = false) =>
        Run(Directory, command, properties, raw);

    private static (int Code, string Output) Run(string folder, string[] command, string[] properties, bool raw = false)
    {
        var target = command[0];
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        var verbosity = properties.FirstOrDefault(p => p.StartsWith("-v:", StringComparison.Ordinal)) ?? "-v:minimal";
        foreach (
            var arg in raw
                ? command
                : command
                    .Concat(["-c", "Release", "-nologo", "-nodeReuse:false", verbosity, "-p:UseSharedCompilation=false"])
                    .Concat(properties.Where(p => p.StartsWith('-') && !p.StartsWith("-v:", StringComparison.Ordinal)))
                    .Concat(
                        properties.Where(p => !p.StartsWith("Env.", StringComparison.Ordinal) && !p.StartsWith('-')).Select(p => "-p:" + p)
                    )
        )
            info.ArgumentList.Add(arg);
        info.Environment.Remove("CI"); // the tests decide when CI is set
        foreach (var p in properties.Where(p => p.StartsWith("Env.", StringComparison.Ordinal)))
            info.Environment[p[4..].Split('=')[0]] = p.Split('=', 2)[1];
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
