namespace PerfGate.Core.Against;

/// <summary>
/// What an A/B check measured for one model, for the report, the chart and results/&lt;model&gt;.against-base.json: the base
/// it ran against and, per batch size, the paired rounds' ratio head ÷ base (median with its 95% CI, and every round's).
/// </summary>
public sealed record AgainstBase(string Reference, string Commit, string BasePerfGateVersion, IReadOnlyList<PairedSummary> Batches);

/// <param name="Ratio">Median of head images/s ÷ base images/s over the paired rounds; null when the batch was not measured.</param>
public sealed record PairedSummary(int Batch, int Rounds, double? Ratio, double? CiLow, double? CiHigh, double[] Ratios, string? Skipped)
{
    public static PairedSummary Of(PairedBatch paired)
    {
        var logs = paired.LogRatios();
        if (logs.Length == 0) return new PairedSummary(paired.Batch, 0, null, null, null, [], paired.Skipped);
        var estimate = Statistics.SampleStatistics.Of(logs);
        return new PairedSummary(paired.Batch, logs.Length, Math.Exp(estimate.Median), Math.Exp(estimate.CiLow), Math.Exp(estimate.CiHigh), logs.Select(Math.Exp).ToArray(), null);
    }
}
