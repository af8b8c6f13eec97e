namespace PerfGate.Core.Flops;

/// <summary>The per-layer FLOP table of one model at one batch size, as `perfgate flops` prints it.</summary>
public sealed record FlopReport(string Model, int Batch, IReadOnlyList<LayerCount> Layers)
{
    public FlopTotals Totals { get; } = FlopTotals.Of(Layers);

    /// <summary>Names of the layers whose type the counter does not know; the totals leave their FLOPs out.</summary>
    public IReadOnlyList<string> UnknownLayers { get; } = Layers.Where(l => l.Unknown).Select(l => $"{l.Name} ({l.Kind})").ToArray();
}
