using System.Globalization;
using PerfGate.Core.Measurements;

namespace PerfGate.Torch.Runtime;

/// <summary>
/// This process's resident memory from Linux's /proc/self: VmRSS now, VmHWM its high-water mark, and the reset of that mark
/// (writing 5 to /proc/self/clear_refs, Linux 4.0+), so that a peak is read over exactly the passes in between. Null where
/// the kernel does not offer them (another OS, a locked-down /proc).
/// </summary>
internal static class ResidentMemory
{
    private const string Status = "/proc/self/status";

    /// <summary>Starts a new high-water mark at the current resident memory; false when it cannot.</summary>
    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static long? Resident() => Read("VmRSS:");

    /// <summary>
    /// On the CPU, the peak rise of resident memory over <paramref name="pass"/> above what was resident just before it: tensors
    /// left to finalizers freed first (a finalizer freeing a resident block during the pass would lower the rise by its size:
    /// seen, 15.8 MiB read for 31.8), every large block mapped on its own while the pass runs
    /// (<see cref="SteadyHeap.MappedBlockByBlock"/>), the heap trimmed and the high-water mark reset. So the figure is the peak
    /// of what the pass holds at once (activations, workspaces, caches it creates), not a state of the process's heap. On the
    /// process's main thread, as the measuring processes run it: a thread with a glibc arena of its own keeps that arena's top
    /// resident through the trim, and blocks under 64 MiB taken from it do not show. Runs the pass and returns null on a GPU or
    /// where any step is unavailable.
    /// </summary>
    public static long? PeakOf(TorchSharp.torch.Device device, Action pass)
    {
        if (device.type != TorchSharp.DeviceType.CPU)
        {
            pass();
            return null;
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var mapped = SteadyHeap.MappedBlockByBlock();
        long? mark = mapped is not null && SteadyHeap.Trim() && ResetPeak() ? Resident() : null;
        pass();
        return RiseAbove(mark);
    }

    /// <summary>The high-water mark's rise above <paramref name="mark"/>; null without a mark, or when the high-water mark reads
    /// below it (someone else in this process reset it: a figure that cannot be trusted is not a zero).</summary>
    private static long? RiseAbove(long? mark) => mark is { } before && Peak() is { } peak && peak >= before ? peak - before : null;

    private static long? Peak() => Read("VmHWM:");

    /// <summary>The machine's memory available to a new allocation now (MemAvailable in /proc/meminfo).</summary>
    public static long? Available() => Read("MemAvailable:", "/proc/meminfo");

    private static long? Read(string key, string file = Status)
    {
        try
        {
            var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            var kib = line?[key.Length..].Trim().Split(' ')[0];
            return long.TryParse(kib, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * 1024 : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
