using PerfGate.Core.Gate;

namespace PerfGate.Core.Against;

/// <summary>What one batch size's launches of an A/B run come to, for the report, the chart and the results (<see
/// cref="PairedSummary"/>).</summary>
public static class PairedSummaries
{
    /// <param name="launches">This batch size in every launch, in launch order.</param>
    public static PairedSummary Of(int batch, IReadOnlyList<PairedBatch> launches)
    {
        var joined = PairedBatch.Join(batch, launches);
        var logs = joined.LogRatios();
        if (logs.Length == 0)
            return new PairedSummary(batch, 0, null, null, null, [], joined.Skipped);
        var estimate = LaunchEstimate.Of(launches.Select(l => l.LogRatios()).ToArray());
        var center = estimate?.Mean ?? Statistics.SampleStatistics.Of(logs).Median;
        return new PairedSummary(
            batch,
            logs.Length,
            Math.Exp(center),
            estimate is null ? null : Math.Exp(estimate.CiLow),
            estimate is null ? null : Math.Exp(estimate.CiHigh),
            logs.Select(Math.Exp).ToArray(),
            null
        )
        {
            Layers = LaunchAttribution.Ratios(launches),
            Clock = PairedBatch.ClockOf(launches),
            Launches = launches
                .Where(l => l.Rounds > 0)
                .Select(l => new LaunchFigure(
                    Math.Exp(LaunchEstimate.Center(l.LogRatios())),
                    l.Rounds,
                    Math.Exp(LaunchEstimate.Center(l.WallLogRatios()))
                ))
                .ToArray(),
        };
    }
}
