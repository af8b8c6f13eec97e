namespace PerfGate.Orchestration.Building;

/// <summary>
/// The `dotnet` executable that runs the measuring processes and base builds: the one the SDK names in DOTNET_HOST_PATH (set
/// for tasks and tools it starts), else the muxer this process runs under, else `dotnet` on the PATH.
/// </summary>
internal static class DotnetHost
{
    public static string Path =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
