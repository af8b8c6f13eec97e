using System.Runtime.InteropServices;

namespace PerfGate.Torch.Runtime;

/// <summary>
/// The CPU time the calling thread has used (user and system), in seconds at nanosecond resolution:
/// <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> on Linux and macOS; unavailable (null) elsewhere. Unlike the wall clock it
/// does not run while the process waits for a CPU that a neighbour holds, which is most of what moves a timed window on a
/// shared runner. (.NET's Process.TotalProcessorTime counts in 10 ms ticks on Linux: too coarse for a 0.1 s window.)
/// </summary>
internal static class ThreadCpuClock
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int ClockGetTime(int clock, out TimeSpec time);

    private static readonly (ClockGetTime Read, int Clock)? Source = Load();

    public static bool IsAvailable => Source is not null;

    /// <summary>CPU seconds used by this process so far; null where the clock is not available.</summary>
    public static double? Seconds()
    {
        if (Source is not { } source || source.Read(source.Clock, out var time) != 0)
            return null;
        return time.Seconds + time.Nanoseconds * 1e-9;
    }

    private static (ClockGetTime, int)? Load()
    {
        var (library, clock) =
            OperatingSystem.IsLinux() ? ("libc.so.6", 3)
            : OperatingSystem.IsMacOS() ? ("libSystem.dylib", 16)
            : (null, 0);
        if (
            library is null
            || !NativeLibrary.TryLoad(library, out var handle)
            || !NativeLibrary.TryGetExport(handle, "clock_gettime", out var export)
        )
            return null;
        var read = Marshal.GetDelegateForFunctionPointer<ClockGetTime>(export);
        return read(clock, out _) == 0 ? (read, clock) : null;
    }
}
