using System.Diagnostics;
using System.Reflection;

namespace PerfGate.Core.Measurements;

/// <summary>
/// The build configuration of the measuring tool and of the assembly whose workloads were measured (null for built-in
/// models). A Debug build runs the JIT without optimizations: its throughput is not what users run, so it is never gated.
/// </summary>
internal sealed record BuildInfo(string Tool, string? Workload)
{
    public const string Release = "Release";
    public const string Debug = "Debug";

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsRelease => Tool == Release && Workload is null or Release;

    /// <summary>
    /// PG0010 unless this is a Release build: every gate refuses to judge unoptimized code, with its own
    /// <paramref name="where"/> (e.g. " on the base side") and advice.
    /// </summary>
    public void RequireRelease(string where, string advice, string? file = null)
    {
        if (!IsRelease)
            throw new PerfGateException(ErrorCodes.DebugBuild, $"refusing to gate a Debug build ({this}){where}: {advice}", file);
    }

    /// <summary>Debug when the assembly was compiled with the JIT optimizer disabled (what <c>-c Debug</c> does), else Release.</summary>
    public static string Of(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true ? Debug : Release;

    public override string ToString() => Workload is null ? $"perfgate {Tool}" : $"perfgate {Tool}, workloads {Workload}";
}
