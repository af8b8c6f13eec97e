using System.Globalization;

namespace PerfGate.Torch.Runtime;

/// <summary>
/// This process's resident memory from Linux's /proc/self: VmRSS now, VmHWM its high-water mark, and the reset of that mark
/// (writing 5 to /proc/self/clear_refs, Linux 4.0+), so that a peak is read over exactly the passes in between. Null where
/// the kernel does not offer them (another OS, a locked-down /proc).
/// </summary>
public static class ResidentMemory
{
    private const string Status = "/proc/self/status";

    /// <summary>Starts a new high-water mark at the current resident memory; false when it cannot.</summary>
    public static bool ResetPeak()
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

    public static long? Resident() => Read("VmRSS:");

    /// <summary>
    /// On the CPU, where a model's memory is measured from: the heap trimmed (what earlier work freed would otherwise be reused
    /// without a page touched, and the model's peak would not show), the high-water mark reset, the resident memory read. Null
    /// on a GPU or where any step is unavailable.
    /// </summary>
    public static long? Mark(TorchSharp.torch.Device device) =>
        device.type == TorchSharp.DeviceType.CPU && Core.Measurements.SteadyHeap.Trim() && ResetPeak() ? Resident() : null;

    /// <summary>The high-water mark's rise above <paramref name="mark"/>; null without a mark, or when the high-water mark reads
    /// below it (someone else in this process reset it: a figure that cannot be trusted is not a zero).</summary>
    public static long? RiseAbove(long? mark) => mark is { } before && Peak() is { } peak && peak >= before ? peak - before : null;

    public static long? Peak() => Read("VmHWM:");

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
