using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using PerfGate.Orchestration.Native;
using static TorchSharp.torch;

namespace PerfGate.Torch.Tests.Native;

/// <summary>
/// The build's fix for libLibTorchSharp.so on hosts whose libstdc++ predates GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04):
/// applied to this project's own output copy only where the host needs it, never to the NuGet package.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class NativeLibraryFixTests
{
    private const string Gcc13Version = "GLIBCXX_3.4.32";
    private const string NativeLibrary = "runtimes/linux-x64/native/libLibTorchSharp.so";

    private static string OutputCopy => Path.Combine(AppContext.BaseDirectory, NativeLibrary);

    private static string PackageCopy =>
        Path.Combine(
            typeof(NativeLibraryFixTests)
                .Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "TorchSharpPackageFolder")
                .Value!,
            NativeLibrary
        );

    private static IReadOnlySet<string> HostVersions =>
        ElfImage.Load(SystemLibraries.Find(VersionNeedRelaxer.LibStdCxx)!).VersionDefinitions();

    [Fact]
    public void The_output_copy_is_relaxed_exactly_when_the_host_lacks_the_version()
    {
        var needs = ElfImage.Load(OutputCopy).VersionNeeds();

        var gcc13 = Assert.Single(needs, n => n.Version == Gcc13Version);
        Assert.Equal(!HostVersions.Contains(Gcc13Version), gcc13.Weak);
        Assert.All(needs.Where(n => n.Version != Gcc13Version), n => Assert.False(n.Weak, $"{n.Version} must stay as it was"));
    }

    [Fact]
    public void The_nuget_package_copy_is_never_modified()
    {
        Assert.True(File.Exists(PackageCopy), PackageCopy);
        Assert.All(ElfImage.Load(PackageCopy).VersionNeeds(), n => Assert.False(n.Weak, $"{n.Version} is weak in the NuGet cache"));
    }

    [Fact]
    public void The_relaxed_library_loads_and_computes() => Assert.Equal(6f, arange(4).sum().item<long>());

    [Fact]
    public void On_a_host_with_a_new_enough_libstdcxx_nothing_is_touched()
    {
        var newHost = new HashSet<string>(HostVersions) { Gcc13Version };
        var result = VersionNeedRelaxer.Plan(ElfImage.Load(PackageCopy), newHost, out var toRelax);
        Assert.Equal(RelaxOutcome.NothingMissing, result.Outcome);
        Assert.Empty(toRelax);
    }

    [Fact]
    public void The_only_symbol_bound_to_the_gcc13_version_is_the_unused_ios_base_init()
    {
        var image = ElfImage.Load(PackageCopy);
        var need = image.VersionNeeds().Single(n => n.Version == Gcc13Version);
        Assert.Equal(["_ZSt21ios_base_library_initv"], image.SymbolsWithVersion(need.Index));
    }

    [Fact]
    public void A_missing_version_behind_used_symbols_is_refused()
    {
        // Pretend the host also lacks GLIBCXX_3.4.30, which binds symbols the library really calls.
        var olderHost = HostVersions.Where(v => v is not ("GLIBCXX_3.4.30" or Gcc13Version)).ToHashSet();
        var result = VersionNeedRelaxer.Plan(ElfImage.Load(PackageCopy), olderHost, out var toRelax);

        Assert.Equal(RelaxOutcome.Unsafe, result.Outcome);
        Assert.NotEmpty(result.BlockingSymbols);
        Assert.Empty(toRelax);
        Assert.Contains("GCC 13", result.Describe());
    }

    [Fact]
    public void Relaxing_a_hard_linked_copy_replaces_it_and_leaves_the_link_target_alone()
    {
        var dir = Directory.CreateTempSubdirectory("perfgate-relax").FullName;
        try
        {
            var original = Path.Combine(dir, "cache.so");
            var linked = Path.Combine(dir, "output.so");
            File.Copy(PackageCopy, original);
            Run("ln", original, linked); // what the build's hard-linking copy produces
            var before = Hash(original);
            var hostWithoutGcc13 = HostVersions.Where(v => v != Gcc13Version).ToHashSet();

            var first = VersionNeedRelaxer.RelaxFile(linked, hostWithoutGcc13);
            var second = VersionNeedRelaxer.RelaxFile(linked, hostWithoutGcc13);

            Assert.Equal(RelaxOutcome.Relaxed, first.Outcome);
            Assert.Equal(RelaxOutcome.AlreadyRelaxed, second.Outcome);
            Assert.Equal(before, Hash(original));
            Assert.True(ElfImage.Load(linked).VersionNeeds().Single(n => n.Version == Gcc13Version).Weak);
            Assert.Equal(File.GetUnixFileMode(original), File.GetUnixFileMode(linked));
            Assert.False(File.Exists(linked + ".perfgate-tmp"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
