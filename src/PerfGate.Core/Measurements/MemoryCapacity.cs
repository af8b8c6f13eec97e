namespace PerfGate.Core.Measurements;

/// <summary>
/// The memory a measurement's batch sizes must fit, and where the figure comes from (--memory, a GPU's total memory, the CPU's
/// available memory). A batch size whose counted peak (parameters and the activations alive at once) exceeds it is reported as
/// not fitting instead of being run into an out-of-memory failure.
/// </summary>
internal sealed record MemoryCapacity(long Bytes, string Source)
{
    public const string Given = "--memory";
    public const string GpuTotal = "the GPU's memory";
    public const string CpuAvailable = "the memory available now";

    /// <summary>"the largest batch whose counted peak fits 8.0 GiB (--memory): 5,386", from layers counted at batch 1; null when
    /// the count has no peak.</summary>
    public string? LargestBatch(IReadOnlyList<Flops.LayerCount> layers) =>
        Flops.MemoryCount.Of(layers).LargestBatch(Bytes, 1) is { } largest
            ? $"the largest batch whose counted peak fits {Numbers.Size(Bytes)} ({Source}): {Numbers.Count(largest)}"
            : null;

    /// <summary>Why a batch size is not run: its counted peak exceeds this capacity.</summary>
    public string TooLarge(int batch, long projected) =>
        $"would not fit: its counted peak at batch {batch}, {Numbers.Size(projected)} (parameters and the activations alive at once), "
        + $"exceeds {Numbers.Size(Bytes)} ({Source}); not run, to spare an out-of-memory failure.";
}
