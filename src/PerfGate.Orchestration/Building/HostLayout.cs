using System.Diagnostics;
using PerfGate.Core;

namespace PerfGate.Orchestration.Building;

/// <summary>
/// One side's build output, as the measuring host is started on it: PerfGate.Host.dll beside the project's assembly, with the
/// project's runtime configuration and dependency manifest (the test-host pattern), so each side loads its own TorchSharp.
/// </summary>
internal sealed record HostLayout(string HostAssembly, string RuntimeConfig, string DepsFile, string TargetPath)
{
    public const string HostFileName = "PerfGate.Host.dll";

    private (string What, string Path)[] Files =>
        [
            ("the measuring host", HostAssembly),
            ("the runtime configuration", RuntimeConfig),
            ("the dependency manifest", DepsFile),
            ("the project's assembly", TargetPath),
        ];

    /// <summary>
    /// How the measuring host is started on this output (stdout and stderr redirected): `dotnet exec --runtimeconfig …
    /// --depsfile … PerfGate.Host.dll` and then <paramref name="verb"/> with its arguments.
    /// </summary>
    public ProcessStartInfo HostStart(params string[] verb)
    {
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["exec", "--runtimeconfig", RuntimeConfig, "--depsfile", DepsFile, HostAssembly, .. verb])
            info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>Whether every file of the layout is there (a cached base build can have been cleaned). A method: the layout is
    /// serialized.</summary>
    public bool IsComplete() => Files.All(f => File.Exists(f.Path));

    /// <summary>The same layout with every path made absolute from <paramref name="folder"/> (MSBuild passes them relative to the
    /// project).</summary>
    public HostLayout From(string folder) =>
        new(
            Path.GetFullPath(HostAssembly, folder),
            Path.GetFullPath(RuntimeConfig, folder),
            Path.GetFullPath(DepsFile, folder),
            Path.GetFullPath(TargetPath, folder)
        );

    /// <summary>The layout made absolute from <paramref name="project"/>'s folder, as the build gate's relative paths are meant.</summary>
    public HostLayout BesideProject(string project) => From(Path.GetDirectoryName(Path.GetFullPath(project))!);

    /// <summary>Refuses an output without the host (PG0015): the project does not reference PerfGate, or its PerfGate predates
    /// A/B.</summary>
    public HostLayout Require(string side)
    {
        foreach (var (what, path) in Files)
            if (!File.Exists(path))
                throw new PerfGateException(
                    ErrorCodes.NoMeasuringHost,
                    $"{what} ({Path.GetFileName(path)}) is missing from the {side} build's output: PerfGate starts its measuring host "
                        + $"on the build output it measures. "
                        + "Reference the PerfGate package (with PerfGate.Torch) in that project (on both sides, for --against).",
                    path
                );
        return this;
    }
}
