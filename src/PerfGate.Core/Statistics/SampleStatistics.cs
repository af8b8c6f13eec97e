using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace PerfGate.Core.Statistics;

/// <summary>
/// Statistics over measurement samples, delegated to Perfolizer (BenchmarkDotNet's statistics library):
/// the Harrell-Davis median and its 95% confidence interval.
/// </summary>
internal static class SampleStatistics
{
    public static Estimate Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("No samples.");
        if (values.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("Samples must be finite numbers.");
        if (values.Count == 1 || values.Distinct().Count() == 1)
            return new Estimate(values[0], values[0], values[0]);

        var sample = new Sample(values.ToArray());
        var ci = HarrellDavisQuantileEstimator
            .Instance.QuantileConfidenceIntervalEstimator(sample, Probability.Half)
            .ConfidenceInterval(ConfidenceLevel.L95);
        var median = HarrellDavisQuantileEstimator.Instance.Quantile(sample, Probability.Half).NominalValue;
        return new Estimate(median, Math.Max(ci.Lower, values.Min()), Math.Min(ci.Upper, values.Max()));
    }

    /// <summary>Relative spread of a set of run results: (max − min) / 2 / mean, the ±x the brief quotes.</summary>
    public static double RelativeSpread(IReadOnlyList<double> values) =>
        values.Count < 2 ? 0 : (values.Max() - values.Min()) / 2 / values.Average();
}
