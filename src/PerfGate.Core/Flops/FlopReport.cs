namespace PerfGate.Core.Flops;

/// <summary>The per-layer FLOP table of one model at one batch size, as `perfgate flops` prints it.</summary>
public sealed record FlopReport(string Model, int Batch, IReadOnlyList<LayerCount> Layers)
{
    public FlopTotals Totals { get; } = FlopTotals.Of(Layers);

    /// <summary>Counted memory at <see cref="Batch"/>: parameter bytes and the peak of activations alive at once (<see
    /// cref="MemoryCount"/>).</summary>
    public MemoryCount Memory { get; } = MemoryCount.Of(Layers);

    /// <summary>
    /// Leaf layers with parameters that did not run in the counted pass (inception_v3's auxiliary classifier in eval): their
    /// parameters are not in the totals, and are listed here with theirs (FLOPs and shapes: none, nothing ran).
    /// </summary>
    public IReadOnlyList<LayerCount> NeverRan { get; init; } = [];

    /// <summary>The input the counted pass ran on (its shape at <see cref="Batch"/> and element type); null from older results.</summary>
    public ModelInput? Input { get; init; }

    /// <summary>The parameters of <see cref="NeverRan"/>, which the totals leave out.</summary>
    public long NeverRanParams => NeverRan.Sum(l => l.Params);

    /// <summary>Names of the layers whose type the counter does not know; the totals leave their FLOPs out.</summary>
    public IReadOnlyList<string> UnknownLayers { get; } = Layers.Where(l => l.Unknown).Select(l => $"{l.Name} ({l.Kind})").ToArray();
}
