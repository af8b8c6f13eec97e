using System.Diagnostics;
using PerfGate.Torch.Runtime;

namespace PerfGate.Torch.Tests.Runtime;

public sealed class ThreadCpuClockTests
{
    [SkippableFact]
    public void Reads_the_calling_threads_cpu_time_as_the_kernel_counts_it_at_far_finer_resolution()
    {
        Assert.True(ThreadCpuClock.IsAvailable, "the thread CPU clock is expected on Linux and macOS, where these tests run");
        Skip.IfNot(ThreadStat.IsAvailable, "the kernel's own count is read from Linux's /proc");
        var (clockStart, kernelStart) = (ThreadCpuClock.Seconds()!.Value, KernelSeconds());
        var (wall, sum) = (Stopwatch.StartNew(), 0.0);
        // Busy until the kernel's count (in 10 ms ticks) has moved 0.3 s, however loaded the machine is.
        while (KernelSeconds() - kernelStart < 0.3 && wall.Elapsed.TotalSeconds < 30)
            sum += Math.Sqrt(sum + 1);
        var (clock, kernel) = (ThreadCpuClock.Seconds()!.Value - clockStart, KernelSeconds() - kernelStart);

        Assert.InRange(clock, kernel - 0.03, kernel + 0.03); // the same thread, the same seconds (not ns, µs or ticks)
        Assert.True(sum > 0);
        var (first, second) = (ThreadCpuClock.Seconds()!.Value, ThreadCpuClock.Seconds()!.Value);
        Assert.InRange(second - first, 0, 0.001); // two reads in a row: far finer than the kernel's 10 ms ticks
        var beforeSleep = ThreadCpuClock.Seconds()!.Value;
        Thread.Sleep(200);
        Assert.InRange(ThreadCpuClock.Seconds()!.Value - beforeSleep, 0, 0.02); // asleep, the thread uses next to no CPU
    }

    /// <summary>utime + stime of the calling thread, in seconds.</summary>
    private static double KernelSeconds() => ThreadStat.Read(14, 15).Sum() / 100.0;
}
