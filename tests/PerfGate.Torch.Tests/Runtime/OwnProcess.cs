using PerfGate.Orchestration.Building;

namespace PerfGate.Torch.Tests.Runtime;

/// <summary>
/// Runs a measurement of process-wide state (peak resident memory, the heap's page faults) in a process of its own, on its main
/// thread, as the measuring host does: this assembly started again with <c>probe NAME</c>. Inside xUnit the process and its
/// heap are shared with every other test, and a test thread has a glibc arena of its own that other tests shape: the
/// doubled-feature-map test read 3.02× after another test's 8 MiB blocks had stayed resident in its thread's arena, and the
/// steady heap's test read 30,727 page faults beside a memory pass.
/// </summary>
internal static class OwnProcess
{
    /// <summary>The probes by name: each returns the one line it prints (its readings) for the test to judge.</summary>
    private static readonly Dictionary<string, Func<string>> Probes = new()
    {
        [nameof(Measuring.MemoryProbes.PeaksAfterOtherPasses)] = Measuring.MemoryProbes.PeaksAfterOtherPasses,
        [nameof(Measuring.MemoryProbes.FeatureMapGrowth)] = Measuring.MemoryProbes.FeatureMapGrowth,
        [nameof(SteadyHeapTests.FaultsOfFiveCycles)] = SteadyHeapTests.FaultsOfFiveCycles,
    };

    /// <summary>Starts this assembly with <c>probe <paramref name="name"/></c> and returns the last line it printed (both outputs
    /// read as it runs, libtorch's NNPACK lines on stderr among them; stopped past the limit).</summary>
    public static string Run(string name, int timeoutSeconds = 120)
    {
        var assembly = typeof(OwnProcess).Assembly.Location;
        var result = ProcessRunner.Run(
            DotnetHost.Path,
            [assembly, "probe", name],
            Path.GetDirectoryName(assembly)!,
            TimeSpan.FromSeconds(timeoutSeconds)
        );
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (result.ExitCode != 0 || lines.Length == 0)
            throw new InvalidOperationException($"probe {name} exited {result.ExitCode}: {result.Stdout}\n{result.Stderr}");
        return lines[^1].Trim();
    }

    /// <summary>The test assembly's entry point (the test SDK's generated one is turned off): <c>probe NAME</c> runs a probe.</summary>
    public static int Main(string[] args)
    {
        if (args is not ["probe", var name] || !Probes.TryGetValue(name, out var probe))
        {
            Console.Error.WriteLine($"usage: probe ({string.Join(" | ", Probes.Keys)})");
            return 2;
        }
        Console.WriteLine(probe());
        return 0;
    }
}
