using PerfGate.Core.Gate;

namespace PerfGate.Core.Against;

/// <summary>What one batch size's launches of an A/B run come to, for the report, the chart and the results (<see
/// cref="PairedSummary"/>).</summary>
internal static class PairedSummaries
{
    /// <param name="launches">This batch size in every launch, in launch order.</param>
    public static PairedSummary Of(int batch, IReadOnlyList<PairedBatch> launches)
    {
        var joined = PairedBatch.Join(batch, launches);
        var logs = joined.LogRatios();
        if (logs.Length == 0)
            return new PairedSummary(batch, 0, null, null, null, [], joined.Skipped);
        var perLaunch = PairedBatch.LaunchLogRatios(launches);
        var estimate = LaunchEstimate.Of(perLaunch);
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
            RoundRatios = joined.RoundLogRatios().Select(Math.Exp).ToArray(),
            Launches = launches
                .Select((l, i) => (Launch: l, Logs: perLaunch[i]))
                .Where(x => x.Launch.Rounds > 0)
                .Select(x => new LaunchFigure(
                    Math.Exp(LaunchEstimate.Center(x.Logs)),
                    x.Launch.Rounds,
                    Math.Exp(LaunchEstimate.Center(x.Launch.WallLogRatios()))
                ))
                .ToArray(),
        };
    }
}
