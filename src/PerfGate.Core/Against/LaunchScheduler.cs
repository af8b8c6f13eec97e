using PerfGate.Core.Measurements;

namespace PerfGate.Core.Against;

/// <summary>
/// Which pair of measuring processes measures each launch, and in which order they start: a fresh pair per launch (the first
/// is the pair already prepared for counting), ABBA over launches (base first, head first, head first, base first, …; ABBA over
/// the rounds within each, <see cref="PairedSampler"/>), every batch size measured for the launch's share of the budget, the
/// pair stopped when done.
/// </summary>
/// <param name="launch">Starts a fresh pair of measuring processes; true: head first. See <see cref="SidePair"/>.</param>
internal sealed class LaunchScheduler(Func<bool, SidePair> launch, SamplerSettings settings, Action<string>? progress)
{
    /// <summary>The pair that prepares (counts) a model and measures its first launch.</summary>
    public SidePair First() => launch(false);

    /// <summary>Launch <paramref name="index"/> (from 0): <paramref name="prepared"/>'s pair for the first, else a fresh one.</summary>
    public IReadOnlyList<PairedBatch> Measure(
        string model,
        IReadOnlyList<int> batches,
        double seconds,
        double bound,
        int index,
        SidePair? prepared
    )
    {
        using var pair = prepared ?? launch(index % 4 is 1 or 2);
        if (prepared is null)
            Concurrently.Run(() => pair.Head.Prepare(model), () => pair.Base.Prepare(model)); // both build and count the model, untimed
        return new PairedSampler(pair.Base, pair.Head, settings, progress).Measure(model, batches, seconds, bound);
    }
}
