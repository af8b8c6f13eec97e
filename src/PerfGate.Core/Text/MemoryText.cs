using PerfGate.Core.Flops;

namespace PerfGate.Core.Text;

/// <summary>The counted memory lines under the FLOP table: parameters, the peak of activations and by what rule, and with a
/// capacity the largest batch that fits it.</summary>
internal static class MemoryText
{
    public static string Render(MemoryCount memory, int batch, long? capacityBytes)
    {
        if (memory.PeakActivationBytes is null)
            return memory.ParamBytes is { } only ? $"\nmemory: parameters {Numbers.Bytes(only)}\n" : "";
        var text =
            $"\nmemory: parameters {Numbers.Bytes(memory.ParamBytes)}; peak activations {Numbers.Bytes(memory.PeakActivationBytes)} "
            + $"at batch {batch}, at {memory.PeakLayer} (counted: a layer's input and output alive together)\n";
        if (capacityBytes is { } capacity)
            text += memory.LargestBatch(capacity, batch) is { } largest
                ? $"largest batch that fits {Numbers.Bytes(capacity)}: {Numbers.Count(largest)} (parameters plus its peak activations)\n"
                : "";
        return text;
    }
}
