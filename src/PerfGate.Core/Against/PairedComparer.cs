using PerfGate.Core.Gate;
using PerfGate.Core.Reports;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Against;

/// <summary>
/// Head against base at one batch size, on the per-round log-ratios ln(head ÷ base) of (normalized) images/s: the Harrell–Davis
/// median with its 95% CI (Perfolizer) and a one-sided Wilcoxon signed-rank test. A regression needs the median beyond
/// −<see cref="Tolerance.AgainstBaseRegression"/> AND the test significant at α (it is then measured again before it fails);
/// an interval wholly within the threshold passes; an interval that straddles it is inconclusive. Same codes as the
/// stored-baseline verdict (PG1000, PG1002, PG1003, PG1005), with metric "batch N: throughput against base".
/// </summary>
public static class PairedComparer
{
    public static Finding Compare(string model, PairedBatch paired, Tolerance tolerance, string baseName)
    {
        var batch = paired.Batch;
        var threshold = tolerance.AgainstBaseRegression;
        var ratios = paired.LogRatios();
        double? Median(IEnumerable<Measurements.RoundTiming> rounds) =>
            rounds.Any() ? SampleStatistics.Of(rounds.Select(r => r.ModelCalls * (double)batch / r.ModelSeconds).ToArray()).Median : null;
        var (baseIps, headIps) = (Median(paired.Base), Median(paired.Head));
        Finding Make(string code, Verdict verdict, string message, double? delta = null, double? p = null) =>
            new(code, verdict, model, $"batch {batch}: throughput against base", baseIps, headIps, delta, threshold, p, message) { Batch = batch };

        if (paired.Skipped is not null)
            return Make(FindingCodes.ThroughputInconclusive, Verdict.Inconclusive, $"batch {batch}: not measured against base, {paired.Skipped}.");
        if (ratios.Length < tolerance.MinSamples)
            return Make(FindingCodes.ThroughputInconclusive, Verdict.Inconclusive,
                $"batch {batch}: too few rounds against base to decide ({ratios.Length}; need {tolerance.MinSamples}). Give the run more time (--max-seconds).");

        var estimate = SampleStatistics.Of(ratios);
        var delta = Math.Exp(estimate.Median) - 1;
        var (low, high) = (Math.Exp(estimate.CiLow) - 1, Math.Exp(estimate.CiHigh) - 1);
        var slower = WilcoxonSignedRank.PLess(ratios);
        var faster = WilcoxonSignedRank.PGreater(ratios);
        var limit = Math.Log(1 - threshold);
        var change = $"head {Numbers.Percent(delta)} against {baseName}{(paired.Normalized ? " (normalized by each side's calibration GEMM)" : "")} (95% CI {Numbers.Percent(low)} … {Numbers.Percent(high)}, {ratios.Length} paired rounds; " +
            $"{Numbers.Fixed(baseIps!.Value, 2)} → {Numbers.Fixed(headIps!.Value, 2)} images/s)";

        if (estimate.Median < limit && slower < tolerance.Alpha)
            return Make(FindingCodes.ThroughputRegressed, Verdict.Fail,
                $"batch {batch}: slower, {change}; beyond the {Numbers.Percent(-threshold)} threshold, Wilcoxon p = {Numbers.Fixed(slower, 4)} < α = {Numbers.Plain(tolerance.Alpha)}.", delta, slower);
        if (estimate.Median > -limit && faster < tolerance.Alpha)
            return Make(FindingCodes.ThroughputImproved, Verdict.Pass, $"batch {batch}: faster, {change}, Wilcoxon p = {Numbers.Fixed(faster, 4)}.", delta, faster);
        if (estimate.CiLow >= limit)
            return Make(FindingCodes.ThroughputUnchanged, Verdict.Pass, $"batch {batch}: within the {Numbers.Percent(-threshold)} threshold, {change}.", delta, Math.Min(slower, faster));
        return Make(FindingCodes.ThroughputInconclusive, Verdict.Inconclusive,
            $"batch {batch}: cannot decide, the 95% CI reaches past the {Numbers.Percent(-threshold)} threshold; {change}. Give the run more time (--max-seconds).", delta, Math.Min(slower, faster));
    }
}
