namespace PerfGate.Core.Flops;

/// <summary>
/// Counted memory of one inference pass, exact on any machine like the FLOPs, from the leaf layers as they ran: the bytes of
/// the parameters (each tensor's elements times its dtype's size), and the peak of activations alive at once by this rule:
/// while a leaf layer runs, its input and its output are alive together, and nothing else (a chain frees each activation
/// once the next layer has read it). A tensor kept across layers (a residual branch's skip input, a layer's several outputs)
/// is not in the rule, so a branching model's true peak may be higher; the rule is the same for base and head, and a layer
/// whose feature map doubles moves it. Activations scale with the batch: the peak at batch B is B times the per-image peak.
/// </summary>
/// <param name="PeakLayer">The layer at which the activations peak.</param>
public sealed record MemoryCount(long? ParamBytes, long? PeakActivationBytes, string? PeakLayer)
{
    /// <summary>The memory of <paramref name="layers"/> at the batch size they were counted at; null figures where a layer that
    /// ran lacks its bytes (a result from an older PerfGate).</summary>
    public static MemoryCount Of(IReadOnlyList<LayerCount> layers)
    {
        var ran = layers.Where(l => l.InputShape.Length > 0).ToArray();
        var paramBytes = layers.All(l => l.ParamBytes is not null || l.Params == 0) ? layers.Sum(l => l.ParamBytes ?? 0) : (long?)null;
        if (ran.Length == 0 || ran.Any(l => l.InputBytes is null || l.OutputBytes is null))
            return new MemoryCount(paramBytes, null, null);
        var peak = ran.MaxBy(l => l.InputBytes!.Value + l.OutputBytes!.Value)!;
        return new MemoryCount(paramBytes, peak.InputBytes + peak.OutputBytes, peak.Name);
    }

    /// <summary>
    /// The largest batch whose parameters and peak activations fit <paramref name="capacityBytes"/>, from a count at
    /// <paramref name="countedBatch"/> images; 0 when not even one image fits, null when the count has no peak.
    /// </summary>
    public long? LargestBatch(long capacityBytes, int countedBatch)
    {
        if (PeakActivationBytes is not { } peak || peak <= 0 || countedBatch <= 0)
            return null;
        var perImage = (double)peak / countedBatch;
        var free = capacityBytes - (ParamBytes ?? 0);
        return free <= 0 ? 0 : (long)Math.Floor(free / perImage);
    }

    /// <summary>The counted peak (parameters and activations) at <paramref name="batch"/> images, from a count at
    /// <paramref name="countedBatch"/>.</summary>
    public long? PeakAt(int batch, int countedBatch) =>
        PeakActivationBytes is { } peak && countedBatch > 0 ? (ParamBytes ?? 0) + peak / countedBatch * batch : null;

    /// <summary>Parses a capacity such as 8GiB, 512MiB, 16GB or a number of bytes; PG0005 naming the option otherwise.</summary>
    public static long ParseBytes(string text, string option)
    {
        var units = new (string Suffix, double Factor)[]
        {
            ("KiB", 1L << 10),
            ("MiB", 1L << 20),
            ("GiB", 1L << 30),
            ("TiB", 1L << 40),
            ("KB", 1e3),
            ("MB", 1e6),
            ("GB", 1e9),
            ("TB", 1e12),
            ("B", 1),
            ("", 1),
        };
        var trimmed = text.Trim();
        foreach (var (suffix, factor) in units)
            if (
                trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(
                    trimmed[..^suffix.Length],
                    System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var value
                )
                && value > 0
                && value * factor < long.MaxValue
            )
                return (long)(value * factor);
        throw new PerfGateException(ErrorCodes.BadOption, $"{option} takes a memory size such as 8GiB, 512MiB or 16GB, not '{text}'.");
    }
}
