namespace PerfGate.Core.Statistics;

/// <summary>A median with its 95% confidence interval.</summary>
internal sealed record Estimate(double Median, double CiLow, double CiHigh)
{
    /// <summary>Half the interval's width relative to the median: ±x as a fraction.</summary>
    public double RelativeHalfWidth => Median == 0 ? double.PositiveInfinity : (CiHigh - CiLow) / 2 / Math.Abs(Median);
}
