using PerfGate.Core.Measurements;

namespace PerfGate.Core.Text;

/// <summary>Renders an A/A <see cref="StabilityReport"/>.</summary>
internal static class StabilityText
{
    public static string Render(StabilityReport report)
    {
        var table = new TextTable("batch", "raw images/s (per run)", "raw ±", "normalized ±", "steadier");
        foreach (var row in report.Batches)
            table.Add(
                row.Batch.ToString(),
                string.Join(" ", row.RawMedians.Select(v => Numbers.Fixed(v, 1))),
                Numbers.Percent(row.RawSpread, signed: false),
                Numbers.Percent(row.NormalizedSpread, signed: false),
                Numbers.Fixed(row.Improvement, 1) + "x"
            );
        return $"A/A stability of {report.Model} over {report.Runs} runs (spread = (max - min) / 2 / mean of the runs' medians)\n\n{table}";
    }
}
