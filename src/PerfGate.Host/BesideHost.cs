using System.Reflection;
using System.Runtime.Loader;

namespace PerfGate.Host;

/// <summary>
/// The host runs on a user's build output with the user's deps.json, which lists what the user's project references
/// (PerfGate.Core, PerfGate.Torch, TorchSharp) but not the A/B plumbing (PerfGate.Orchestration.dll) the build copies beside
/// the host: that one assembly is loaded from the host's own folder when the runtime does not find it.
/// </summary>
internal static class BesideHost
{
    public static readonly string[] Assemblies = ["PerfGate.Orchestration"];

    public static void Resolve() => AssemblyLoadContext.Default.Resolving += Load;

    private static Assembly? Load(AssemblyLoadContext context, AssemblyName name)
    {
        if (!Assemblies.Contains(name.Name))
            return null;
        var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }
}
