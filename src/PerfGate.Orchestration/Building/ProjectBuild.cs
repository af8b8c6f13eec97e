using System.Text.Json;
using PerfGate.Core;

namespace PerfGate.Orchestration.Building;

/// <summary>
/// Builds a project with `dotnet build -c CONFIGURATION` and reads where its output went (MSBuild's -getProperty, which with a target
/// reports the values after the build; without one it only evaluates), as one side's <see cref="HostLayout"/>. The build runs clean of the
/// calling build's MSBuild variables
/// (a gate started from MSBuild inherits them) and does not run a gate of its own; it puts the measuring host into the output
/// (PerfGateCopyHostInto, naming this project only, not the projects it references) whether or not it enables the build gate.
/// </summary>
internal static class ProjectBuild
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);
    private static readonly string[] Properties = ["TargetPath", "ProjectRuntimeConfigFilePath", "ProjectDepsFilePath"];

    /// <exception cref="PerfGateException">PG0014 (exit 2) when the build fails, with its last lines.</exception>
    public static HostLayout Build(string project, string configuration, string side)
    {
        string[] args =
        [
            "build",
            project,
            "-t:Build",
            "-c",
            configuration,
            "-nologo",
            "-nodeReuse:false",
            "-p:PerfGateRunAfterTests=false",
            "-p:PerfGateAgainst=",
            "-p:PerfGateCopyHostInto=" + Path.GetFullPath(project),
            .. Properties.Select(p => "-getProperty:" + p),
        ];
        var clean = Environment
            .GetEnvironmentVariables()
            .Keys.OfType<string>()
            .Where(k =>
                k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("_MSBUILD", StringComparison.OrdinalIgnoreCase)
            )
            .ToDictionary(k => k, string? (_) => null);
        var result = ProcessRunner.Run(DotnetHost.Path, args, Path.GetDirectoryName(project)!, Timeout, clean);
        if (result.ExitCode != 0)
            throw new PerfGateException(
                ErrorCodes.BuildFailed,
                $"the {side} build failed (dotnet build -c {configuration}, exit {result.ExitCode}); the gate cannot measure what does "
                    + $"not build: {result.Tail()}",
                project
            );
        try
        {
            using var doc = JsonDocument.Parse(result.Stdout);
            var values = doc.RootElement.GetProperty("Properties");
            string Value(string name) =>
                values.GetProperty(name).GetString() is { Length: > 0 } v
                    ? v
                    : throw new PerfGateException(ErrorCodes.BuildFailed, $"the {side} build did not say where its {name} is.", project);
            return new HostLayout(
                Path.Combine(Path.GetDirectoryName(Value("TargetPath"))!, HostLayout.HostFileName),
                Value("ProjectRuntimeConfigFilePath"),
                Value("ProjectDepsFilePath"),
                Value("TargetPath")
            );
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new PerfGateException(
                ErrorCodes.BuildFailed,
                $"the {side} build's output could not be read ({e.Message}): {result.Tail(3)}",
                project
            );
        }
    }
}
