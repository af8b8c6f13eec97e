using System.Diagnostics;
using PerfGate.Torch.Runtime;

namespace PerfGate.Torch.Tests.Runtime;

/// <summary>The run-queue delay separates a neighbour's share of the CPU (delay) from a pass that waits (no delay, no CPU).</summary>
public sealed class ThreadRunDelayTests
{
    [SkippableFact]
    public void A_thread_crowded_out_by_busy_neighbours_waits_in_the_run_queue_and_a_sleeping_one_does_not()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/proc/thread-self/schedstat"), "the delay is Linux's schedstat");
        Assert.True(ThreadRunDelay.IsAvailable);

        // More busy threads than cores: this thread must wait for a CPU while it spins for 1 s of wall time.
        using var stop = new CancellationTokenSource();
        var neighbours = Enumerable
            .Range(0, Environment.ProcessorCount + 1)
            .Select(_ => new Thread(() =>
            {
                var x = 0.0;
                while (!stop.IsCancellationRequested)
                    x += Math.Sqrt(x + 1);
            })
            {
                IsBackground = true,
            })
            .ToArray();
        foreach (var n in neighbours)
            n.Start();
        var (delayStart, cpuStart, wall) = (ThreadRunDelay.Seconds()!.Value, ThreadCpuClock.Seconds()!.Value, Stopwatch.StartNew());
        var sum = 0.0;
        while (wall.Elapsed.TotalSeconds < 1)
            sum += Math.Sqrt(sum + 1);
        var (crowdedDelay, crowdedCpu, crowdedWall) = (
            ThreadRunDelay.Seconds()!.Value - delayStart,
            ThreadCpuClock.Seconds()!.Value - cpuStart,
            wall.Elapsed.TotalSeconds
        );
        stop.Cancel();
        foreach (var n in neighbours)
            n.Join();

        Assert.True(crowdedDelay > 0.1, $"run delay {crowdedDelay:F3} s of {crowdedWall:F3} s (CPU {crowdedCpu:F3} s)");
        Assert.InRange(crowdedCpu + crowdedDelay, crowdedWall - 0.1, crowdedWall + 0.02); // a spinning thread: on a CPU or waiting for one

        (delayStart, cpuStart) = (ThreadRunDelay.Seconds()!.Value, ThreadCpuClock.Seconds()!.Value);
        wall.Restart();
        Thread.Sleep(300);
        var blocked =
            wall.Elapsed.TotalSeconds - (ThreadCpuClock.Seconds()!.Value - cpuStart) - (ThreadRunDelay.Seconds()!.Value - delayStart);
        Assert.InRange(blocked, 0.25, 0.4); // asleep: neither on a CPU nor waiting for one, and the own time keeps it
        Assert.True(sum > 0);
    }
}
