namespace PerfGate.Torch.Tests.Runtime;

/// <summary>The calling thread's counters as Linux's kernel keeps them (/proc/thread-self/stat), by their numbers in stat(5).</summary>
internal static class ThreadStat
{
    public static bool IsAvailable => File.Exists("/proc/thread-self/stat");

    /// <summary>Fields <paramref name="numbers"/> of one read (10 minflt, 14 utime, 15 stime in ticks of USER_HZ = 100).</summary>
    public static long[] Read(params int[] numbers)
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // field 3 onwards: the name in field 2 may hold spaces
        return numbers.Select(n => long.Parse(fields[n - 3])).ToArray();
    }
}
