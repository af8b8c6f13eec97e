using System.Runtime.InteropServices;

namespace PerfGate.Orchestration.Native;

/// <summary>Finds the shared library the dynamic loader would pick for a soname, the way ld.so searches.</summary>
internal static class SystemLibraries
{
    public static string? Find(string soname, string? ldLibraryPath = null)
    {
        ldLibraryPath ??= Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        var multiarch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x86_64-linux-gnu",
            Architecture.Arm64 => "aarch64-linux-gnu",
            _ => null,
        };
        var directories = (ldLibraryPath ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(multiarch is null ? [] : [$"/lib/{multiarch}", $"/usr/lib/{multiarch}"])
            .Concat(["/lib64", "/usr/lib64", "/lib", "/usr/lib"]);
        return directories.Select(d => Path.Combine(d, soname)).FirstOrDefault(File.Exists);
    }
}
