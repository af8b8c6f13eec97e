using System.Reflection;

namespace PerfGate.Cli;

/// <summary>This perfgate's version, for provenance.</summary>
internal static class PerfGateVersion
{
    public static string Current { get; } =
        typeof(PerfGateVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
