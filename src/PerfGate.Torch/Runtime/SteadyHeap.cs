using System.Runtime.InteropServices;

namespace PerfGate.Torch.Runtime;

/// <summary>
/// Keeps glibc's heap steady while a model is measured: blocks up to <see cref="LargestHeapBlock"/> come from the heap instead
/// of a fresh mmap each, and freed memory is not given back to the system (<c>mallopt(M_MMAP_THRESHOLD)</c>,
/// <c>mallopt(M_TRIM_THRESHOLD)</c>). By default glibc moves its mmap threshold as blocks are freed and trims the heap when its
/// free top grows, so whether a forward pass's large activations cost fresh page faults depends on the order of earlier frees:
/// a state of each process, which showed as process-pair offsets of up to ±50% in CPU time at large batch sizes (the page
/// faults are the thread's CPU time too). After the warm-up the same buffers are reused and no pass pays faults. Linux with
/// glibc only; elsewhere nothing changes.
/// </summary>
internal static class SteadyHeap
{
    /// <summary>glibc's ceiling for M_MMAP_THRESHOLD on 64-bit (4 × 1 MiB × sizeof(long)): larger blocks are always mapped.</summary>
    public const int LargestHeapBlock = 32 * 1024 * 1024;

    /// <summary>While memory is measured, blocks from this size on are each mapped on their own (glibc's initial threshold).</summary>
    public const int SmallestMappedBlockWhileMeasured = 128 * 1024;

    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MallOpt(int parameter, int value);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MallocTrim(nuint pad);

    /// <summary>
    /// Gives the heap's free memory back to the system now (<c>malloc_trim(0)</c>, every arena), once, before a model's memory
    /// is measured: what earlier work freed and the steady heap kept would otherwise be reused without a page touched, and the
    /// model's peak would not show as a rise of resident memory. Untimed: the pilot passes that follow fault the pages in again,
    /// before any timed round. False where glibc is not there.
    /// </summary>
    public static bool Trim()
    {
        if (Glibc<MallocTrim>("malloc_trim") is not { } mallocTrim)
            return false;
        mallocTrim(0);
        return true;
    }

    /// <summary>
    /// Until disposed, every block from <see cref="SmallestMappedBlockWhileMeasured"/> on is a mapping of its own, given back
    /// to the system when freed: resident memory then follows what is alive, not where the steady heap happened to place it.
    /// On the steady heap a pass's peak depends on which freed holes its large blocks fit into, a state of each process: AlexNet
    /// at batch 32 read 52–95 MiB over passes of the same process, and 47.0–47.6 MiB mapped block by block (its counted peak is
    /// 47.3 MiB). For a memory pass, never a timed one (each block then costs fresh page faults). Disposing holds the steady heap
    /// again; blocks mapped meanwhile are unmapped when freed whatever the threshold is then. Null where glibc is not there.
    /// </summary>
    public static IDisposable? MappedBlockByBlock()
    {
        if (Glibc<MallOpt>("mallopt") is not { } mallopt || mallopt(MmapThreshold, SmallestMappedBlockWhileMeasured) != 1)
            return null;
        return new Restore(() => mallopt(MmapThreshold, LargestHeapBlock));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>A glibc function by name; null off Linux or without glibc.</summary>
    private static T? Glibc<T>(string name)
        where T : Delegate =>
        OperatingSystem.IsLinux()
        && NativeLibrary.TryLoad("libc.so.6", out var libc)
        && NativeLibrary.TryGetExport(libc, name, out var export)
            ? Marshal.GetDelegateForFunctionPointer<T>(export)
            : null;

    private static readonly Lazy<bool> Applied = new(Apply);

    /// <summary>Whether the heap is held steady in this process (applied once, on the first call).</summary>
    public static bool Hold() => Applied.Value;

    private static bool Apply()
    {
        if (Glibc<MallOpt>("mallopt") is not { } mallopt)
            return false;
        // mallopt returns 1 on success; both are set, even when one is refused.
        var mmap = mallopt(MmapThreshold, LargestHeapBlock);
        var trim = mallopt(TrimThreshold, int.MaxValue);
        return mmap == 1 && trim == 1;
    }
}
