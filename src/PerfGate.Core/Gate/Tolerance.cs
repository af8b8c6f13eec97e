namespace PerfGate.Core.Gate;

/// <summary>How a throughput difference is judged at one (model, batch).</summary>
/// <param name="ThroughputRegression">Relative drop of the median normalized throughput that counts as a regression (0.05 = 5%).</param>
/// <param name="Alpha">Significance level of the one-sided Mann–Whitney U test that must agree.</param>
/// <param name="MinSamples">Fewer rounds than this on either side: inconclusive.</param>
/// <param name="MaxRelativeCi">A current median whose 95% CI half-width exceeds this fraction: inconclusive.</param>
/// <param name="AgainstBaseRegression">
/// With --against: the relative drop of head's throughput against base, paired round by round on one machine, that counts as
/// a regression. Lower than <paramref name="ThroughputRegression"/>: the pairing removes the machine's drift between runs.
/// </param>
/// <param name="PeakMemoryGrowth">
/// Relative growth of a batch size's measured peak memory that fails (0.25 = 25%), when it also grew by at least
/// <see cref="MemoryComparer.FloorBytes"/>. Beside a neighbour, over 10 unchanged runs, the figure spread 0.2–1.8% (max − min
/// over median) at batch sizes of 8 and more, and a doubled feature map read +97% and +104% (tests/benchmarks/memory-spread.sh).
/// The counted memory is the exact gate.
/// </param>
/// <param name="RunnerDrift">
/// How far an unchanged model's throughput moves between two runs at different moments on this runner, as the reviewer knows
/// it: unset, the gate assumes <see cref="StoredEvidence.UnlearnedDrift"/> (a shared machine: −25.2% and +22.8% were seen).
/// Where this drift (and the approved launches' spread) lies within <paramref name="ThroughputRegression"/>, the stored
/// snapshot decides alone; otherwise its verdict is measured side by side against the approved commit.
/// </param>
internal sealed record Tolerance(
    double ThroughputRegression = 0.05,
    double Alpha = 0.01,
    int MinSamples = 5,
    double MaxRelativeCi = 0.10,
    double AgainstBaseRegression = 0.03,
    double PeakMemoryGrowth = 0.25,
    double? RunnerDrift = null
)
{
    public static readonly Tolerance Default = new();
}
