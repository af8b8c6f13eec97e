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
