namespace PerfGate.Torch.Runtime;

/// <summary>
/// How long the calling thread has waited, runnable, for a CPU another thread or process held: the second field of Linux's
/// <c>/proc/thread-self/schedstat</c> (run-queue delay, nanoseconds); null where the kernel does not say. The wall clock less
/// this delay is the thread's own time, on a CPU or blocked: a neighbour's share is gone from it, while a pass that waits (a
/// lock, a synchronous write, a sleep) keeps its wait, which thread CPU time does not see. Measured beside a neighbour busy
/// on both cores, a 1 s spin read 0.50 s CPU + 0.50 s run delay, and 100 sleeps of 5 ms 0.004 s CPU, 0.011 s delay.
/// </summary>
internal static class ThreadRunDelay
{
    private const string SchedStat = "/proc/thread-self/schedstat";

    public static bool IsAvailable { get; } = Seconds() is not null;

    /// <summary>This thread's run-queue delay so far, in seconds; null where it cannot be read. Read into a buffer on the
    /// stack, parsed by hand: nothing is allocated next to a timed window.</summary>
    public static double? Seconds()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            Span<byte> text = stackalloc byte[128];
            int length;
            using (var handle = File.OpenHandle(SchedStat))
                length = RandomAccess.Read(handle, text, 0);
            return SecondField(text[..length]) is { } nanoseconds ? nanoseconds * 1e-9 : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The second space-separated number of the line (run-queue delay in ns), null when there is none.</summary>
    private static long? SecondField(ReadOnlySpan<byte> line)
    {
        var space = line.IndexOf((byte)' ');
        if (space < 0)
            return null;
        long value = 0;
        var digits = 0;
        foreach (var b in line[(space + 1)..])
        {
            if (b is < (byte)'0' or > (byte)'9')
                break;
            value = value * 10 + (b - '0');
            digits++;
        }
        return digits > 0 ? value : null;
    }
}
