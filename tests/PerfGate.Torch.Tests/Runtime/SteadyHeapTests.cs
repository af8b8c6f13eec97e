using System.Runtime.InteropServices;
using PerfGate.Torch.Runtime;

namespace PerfGate.Torch.Tests.Runtime;

public sealed class SteadyHeapTests
{
    private const int Block = 8 << 20;

    [SkippableFact]
    public void Once_held_large_blocks_freed_and_allocated_again_cost_no_new_page_faults()
    {
        Skip.IfNot(ThreadStat.IsAvailable, "glibc's heap and the kernel's count of page faults: Linux");

        // On a process's main thread, as the measuring host holds it: an xUnit thread's arena is shaped by the tests before it.
        var faults = long.Parse(OwnProcess.Run(nameof(FaultsOfFiveCycles)));

        Assert.True(faults < 500, $"{faults} minor page faults in 5 cycles of three 8 MiB blocks (each cycle touches 6,144 pages)");
    }

    /// <summary>The heap held, then the minor page faults of five cycles after the first.</summary>
    internal static string FaultsOfFiveCycles()
    {
        if (!SteadyHeap.Hold())
            throw new InvalidOperationException("the steady heap could not be held");
        // By default glibc gives the free top of a heap back when it exceeds twice the last freed mapped block (16 MiB of the
        // 24 MiB freed here), and the pages are faulted in again: 6,139 faults in these 5 cycles without the hold.
        Cycle(); // the heap grows once
        var before = MinorFaults();
        for (var i = 0; i < 5; i++)
            Cycle();
        return (MinorFaults() - before).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Three 8 MiB blocks, every page written, all freed: what a forward pass does with its large activations.</summary>
    private static void Cycle()
    {
        var blocks = Enumerable.Range(0, 3).Select(_ => Marshal.AllocHGlobal(Block)).ToArray();
        foreach (var block in blocks)
            for (var offset = 0; offset < Block; offset += 4096)
                Marshal.WriteByte(block, offset, 1);
        foreach (var block in blocks)
            Marshal.FreeHGlobal(block);
    }

    /// <summary>The calling thread's minor page faults.</summary>
    private static long MinorFaults() => ThreadStat.Read(10)[0];
}
