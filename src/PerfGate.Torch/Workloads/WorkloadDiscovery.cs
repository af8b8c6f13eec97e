using System.Reflection;
using System.Runtime.Loader;
using PerfGate.Core;
using PerfGate.Torch.Counting;

namespace PerfGate.Torch.Workloads;

/// <summary>Finds the <see cref="IPerfGateWorkload"/> implementations in a user's built assembly.</summary>
internal static class WorkloadDiscovery
{
    public static IReadOnlyList<Workload> FromAssembly(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new PerfGateException(ErrorCodes.AssemblyUnusable, "the assembly to gate was not found; build the project first.", full);

        var resolver = new AssemblyDependencyResolver(full);
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            resolver.ResolveAssemblyToPath(name) is { } dependency ? context.LoadFromAssemblyPath(dependency) : null;

        Assembly assembly;
        try
        {
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException e)
        {
            throw new PerfGateException(ErrorCodes.AssemblyUnusable, $"not a .NET assembly: {e.Message}", full);
        }

        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            throw new PerfGateException(
                ErrorCodes.AssemblyUnusable,
                $"its types could not be loaded ({e.LoaderExceptions.FirstOrDefault()?.Message}); does it reference the same PerfGate "
                    + $"and TorchSharp versions as the gate?",
                full
            );
        }

        return types
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPerfGateWorkload).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => ToWorkload(t, full) with { Assembly = assembly })
            .ToArray();
    }

    private static Workload ToWorkload(Type type, string assembly)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
            throw new PerfGateException(
                ErrorCodes.AssemblyUnusable,
                $"{type.FullName} implements IPerfGateWorkload but has no public parameterless constructor.",
                assembly
            );
        var declared = (IPerfGateWorkload)Activator.CreateInstance(type)!;
        if (!ModelName.IsSafe(declared.Name))
            throw new PerfGateException(
                ErrorCodes.AssemblyUnusable,
                $"{type.FullName}.Name '{declared.Name}' must be a name usable as a folder under baselines/: letters, digits, '.', '_' "
                    + $"or '-', starting with a letter or digit.",
                assembly
            );
        return new Workload(declared.Name, $"{type.FullName} in {Path.GetFileName(assembly)}", declared.InputShape, declared.Create)
        {
            Batches = declared.Batches,
            InputFactory = declared.Input,
            Counter = () =>
            {
                var counter = new FlopCounter();
                declared.RegisterFlops(counter);
                return counter;
            },
        };
    }
}
