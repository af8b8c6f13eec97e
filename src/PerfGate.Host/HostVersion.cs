using System.Reflection;

namespace PerfGate.Host;

/// <summary>The version of PerfGate that measured, for provenance: PerfGate.Torch's, which the user's project references.</summary>
internal static class HostVersion
{
    public static string Current { get; } =
        typeof(PerfGate.Torch.Gate.TorchGate).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
