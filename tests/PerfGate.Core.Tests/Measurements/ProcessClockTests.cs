using System.Diagnostics;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Tests.Measurements;

public sealed class ProcessClockTests
{
    [Fact]
    public void Reads_the_same_cpu_time_as_the_runtime_at_nanosecond_resolution()
    {
        Assert.True(ProcessClock.IsAvailable, "the process CPU clock is expected on Linux and macOS, where these tests run");
        using var process = Process.GetCurrentProcess();
        var (clockStart, runtimeStart) = (ProcessClock.Seconds()!.Value, process.TotalProcessorTime.TotalSeconds);
        var (wall, sum) = (Stopwatch.StartNew(), 0.0);
        // Busy until the runtime's own count (10 ms ticks on Linux) has moved 0.3 s, however loaded the machine is.
        while (Elapsed() < 0.3 && wall.Elapsed.TotalSeconds < 30) sum += Math.Sqrt(sum + 1);
        var (clock, runtime) = (ProcessClock.Seconds()!.Value - clockStart, Elapsed());

        Assert.InRange(clock, runtime - 0.05, runtime + 0.05); // the same process, the same seconds (not ns, µs or ticks)
        Assert.True(sum > 0);
        var (first, second) = (ProcessClock.Seconds()!.Value, ProcessClock.Seconds()!.Value);
        Assert.InRange(second - first, 0, 0.001); // two reads in a row: far finer than the runtime's 10 ms

        double Elapsed()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalSeconds - runtimeStart;
        }
    }
}
