using System.Reflection;

namespace PerfGate.Commands;

/// <summary>This perfgate's version, for provenance where no model runs (a recorded result judged by `check --results`).</summary>
internal static class CommandsVersion
{
    public static string Current { get; } =
        typeof(CommandsVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
