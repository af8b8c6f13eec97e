using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Pragmastat;

namespace PerfGate.Core.Against;

/// <summary>
/// Head against base at the level of launches, the unit of evidence: every launch (a fresh pair of base and head processes)
/// gives one figure, the median of its rounds' ln(head ÷ base). Rounds of one pair of processes share that pair's offset
/// (seen here: +4.6% and +21% for a whole process life beside a neighbour), so they are not independent samples; launches
/// are. The interval is Student's t over the launch figures, and the one-sided p-values come from the same t statistic, so a
/// significant p never sits beside an interval that contains zero.
/// </summary>
/// <param name="Mean">Mean of the launch figures (a log-ratio; negative when head is slower).</param>
/// <param name="SpreadRatio">
/// The launch figures' variance over what their own rounds would explain ((π/2)·s²/n per launch for a median): near 1 when
/// launches agree, far above when each pair of processes carries an offset of its own.
/// </param>
internal sealed record LaunchEstimate(
    int Launches,
    int Rounds,
    double Mean,
    double CiLow,
    double CiHigh,
    double PSlower,
    double PFaster,
    double SpreadRatio,
    double Lowest,
    double Highest
)
{
    /// <summary>Launch figures spread this many times wider (in variance) than their rounds explain: the launches disagree.</summary>
    public const double DisagreementRatio = 4;

    public bool LaunchesDisagree => Launches >= 3 && SpreadRatio > DisagreementRatio;

    /// <summary>The estimate over the launches that have rounds (each launch's log-ratios); null with fewer than two of them.</summary>
    public static LaunchEstimate? Of(IReadOnlyList<double[]> launches)
    {
        var measured = launches.Where(l => l.Length > 0).ToArray();
        if (measured.Length < 2)
            return null;
        var centers = measured.Select(Center).ToArray();
        var n = centers.Length;
        var mean = centers.Average();
        var variance = centers.Sum(c => (c - mean) * (c - mean)) / (n - 1);
        var standardError = Math.Sqrt(variance / n);
        var explained = measured.Where(l => l.Length >= 2).Select(l => Math.PI / 2 * Variance(l) / l.Length).DefaultIfEmpty(0).Average();
        var ratio =
            explained > 0 ? variance / explained
            : variance > 0 ? double.PositiveInfinity
            : 1;
        if (standardError == 0)
            return new(
                n,
                measured.Sum(l => l.Length),
                mean,
                mean,
                mean,
                mean < 0 ? 0 : 1,
                mean > 0 ? 0 : 1,
                ratio,
                centers.Min(),
                centers.Max()
            );
        var t = new StudentDistribution(n - 1);
        var half = t.Quantile(new Probability(0.975)) * standardError;
        var below = t.Cdf(mean / standardError);
        return new(n, measured.Sum(l => l.Length), mean, mean - half, mean + half, below, 1 - below, ratio, centers.Min(), centers.Max());
    }

    /// <summary>One launch's figure: the median of its rounds' log-ratios.</summary>
    public static double Center(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }
}
