using PerfGate.Core.Statistics;

namespace PerfGate.Core.Measurements;

/// <summary>
/// A/A stability: several runs of the same model on unchanged code, and per batch size how far apart their medians lie,
/// raw images/sec against the calibration-normalized figure. The gate can only be as tight as the wider of the two.
/// </summary>
internal sealed record StabilityReport(string Model, int Runs, IReadOnlyList<StabilityReport.Row> Batches)
{
    /// <param name="RawSpread">±fraction between the runs' median images/sec.</param>
    /// <param name="NormalizedSpread">±fraction between the runs' median normalized throughput.</param>
    public sealed record Row(int Batch, double[] RawMedians, double[] NormalizedMedians, double RawSpread, double NormalizedSpread)
    {
        /// <summary>How many times steadier the normalized figure is than the raw one.</summary>
        public double Improvement => NormalizedSpread == 0 ? double.PositiveInfinity : RawSpread / NormalizedSpread;
    }

    public static StabilityReport Of(IReadOnlyList<MeasurementResult> runs)
    {
        if (runs.Count < 2)
            throw new PerfGateException(ErrorCodes.BadStabilityInput, $"A/A stability needs at least two results, got {runs.Count}.");
        var models = runs.Select(r => r.Model).Distinct().ToArray();
        if (models.Length != 1)
            throw new PerfGateException(
                ErrorCodes.BadStabilityInput,
                $"A/A stability compares runs of one model, got {string.Join(", ", models)}."
            );

        var batches = runs.SelectMany(r => r.Batches)
            .Where(b => b.HasFigures)
            .GroupBy(b => b.Batch)
            .OrderBy(g => g.Key)
            .Where(g => g.Count() == runs.Count)
            .Select(g =>
            {
                var raw = g.Select(b => b.ImagesPerSec!.Median).ToArray();
                var normalized = g.Select(b => b.NormalizedThroughput!.Median).ToArray();
                return new Row(g.Key, raw, normalized, SampleStatistics.RelativeSpread(raw), SampleStatistics.RelativeSpread(normalized));
            })
            .ToArray();
        return new StabilityReport(models[0], runs.Count, batches);
    }
}
