namespace PerfGate.Core.Gate;

/// <summary>
/// What an A/B check measured for one model, for the report, the chart and results/&lt;model&gt;.against-base.json: the base
/// it ran against and, per batch size, the ratio head ÷ base over its ABBA round pairs (with its 95% CI, and every pair's).
/// </summary>
internal sealed record AgainstBase(string Reference, string Commit, string BasePerfGateVersion, IReadOnlyList<PairedSummary> Batches);

/// <param name="Ratio">Head images/s ÷ base images/s at the launch level (Against.LaunchEstimate); null when the batch was not
/// measured.</param>
/// <param name="CiLow">The launch-level 95% CI of the ratio; null with fewer than two launches (rounds of one pair of processes give
/// none).</param>
/// <param name="Ratios">Every ABBA round pair's ratio, for the chart.</param>
internal sealed record PairedSummary(int Batch, int Rounds, double? Ratio, double? CiLow, double? CiHigh, double[] Ratios, string? Skipped)
{
    /// <summary>Per layer (and outside the layers), base's time and head's, from the profile pairs; empty when nothing was
    /// profiled.</summary>
    public IReadOnlyList<LayerRatio> Layers { get; init; } = [];

    /// <summary>
    /// Each launch's own figure (the median of its round pairs' ratios) and its rounds, in launch order: the samples the verdict
    /// counts; a spread among them far beyond their rounds' is what "the launches disagree" means.
    /// </summary>
    public IReadOnlyList<LaunchFigure> Launches { get; init; } = [];

    /// <summary>The clock the ratios are on: "CPU time" or "wall time" (Against.PairedBatch.ByCpuTime).</summary>
    public string? Clock { get; init; }

    /// <summary>Every round's own ratio in launch order, unpaired (base first in each launch's even rounds): where turn order can be
    /// checked; the verdict reads the pairs.</summary>
    public double[] RoundRatios { get; init; } = [];
}

/// <param name="Ratio">Head ÷ base in one launch (one pair of processes): the median of its round pairs, on the verdict's
/// clock.</param>
/// <param name="WallRatio">The same on the wall clock (equal to <paramref name="Ratio"/> when the verdict uses it).</param>
internal sealed record LaunchFigure(double Ratio, int Rounds, double WallRatio);

/// <summary>One layer's time, base against head, in an A/B run: head ÷ base at the launch level, with its 95% CI when launches allow
/// one.</summary>
/// <param name="BaseSeconds">Median over base's profile rounds.</param>
/// <param name="HeadSeconds">Base's time times the launch-level ratio (head's own median for a layer base lacks).</param>
internal sealed record LayerRatio(string Layer, double BaseSeconds, double HeadSeconds, double? CiLow, double? CiHigh)
{
    /// <summary>Head ÷ base − 1; null for a layer base does not have.</summary>
    public double? Change => BaseSeconds > 0 ? HeadSeconds / BaseSeconds - 1 : null;
}
