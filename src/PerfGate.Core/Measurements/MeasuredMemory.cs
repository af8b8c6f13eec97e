namespace PerfGate.Core.Measurements;

/// <summary>
/// The memory one batch size took, as measured in the measuring process, and what the figure is (<see cref="Source"/>): on the
/// CPU the rise of the process's peak resident memory over its passes, on a GPU the device memory in use after them.
/// </summary>
internal sealed record MeasuredMemory(long Bytes, string Source)
{
    /// <summary>CPU: the rise of the kernel's high-water mark of resident memory (VmHWM) over a memory pass, its large blocks mapped
    /// one by one: the pass's activations, inputs and workspaces at their peak. (Figures of the earlier kind, read on the steady
    /// heap, carry another name and are not compared with these.)</summary>
    public const string CpuPeakRise = "peak resident memory over a memory pass (VmHWM)";

    /// <summary>GPU: nvidia-smi's used device memory after the batch ran (TorchSharp exposes no allocator peak): an upper bound,
    /// with the weights and any other process's share.</summary>
    public const string GpuInUse = "device memory in use (nvidia-smi), an upper bound";

    /// <summary>The median of several runs' or launches' figures (the lower middle one of an even count: a figure that was
    /// measured); null when there are none.</summary>
    public static MeasuredMemory? Median(IEnumerable<long> bytes, string source)
    {
        var sorted = bytes.Order().ToArray();
        return sorted.Length == 0 ? null : new MeasuredMemory(sorted[(sorted.Length - 1) / 2], source);
    }
}
