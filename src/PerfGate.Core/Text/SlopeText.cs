using PerfGate.Core.Slope;

namespace PerfGate.Core.Text;

/// <summary>Renders a <see cref="SlopeReport"/> as the talk's slope table.</summary>
internal static class SlopeText
{
    public static string Render(SlopeReport report)
    {
        var points = new TextTable("layers", "params", "flops/example", "otherFlops/example", "s/batch");
        foreach (var p in report.Points)
            points.Add(
                p.Layers.ToString(),
                Numbers.Count(p.Params),
                Numbers.Count(p.Flops),
                Numbers.Count(p.OtherFlops),
                Numbers.Fixed(p.SecondsPerBatch, 6)
            );

        var slopes = new TextTable(Headers);
        foreach (var s in report.Segments)
            slopes.Add(Cells(s, $"{s.FromLayers}->{s.ToLayers}"));

        var e = report.Expected;
        return $"Slope check: {report.Model}, batch {report.Batch}, {report.Threads} thread(s)\n"
            + $"expected per added layer: params {Numbers.Count(e.Params)}, flops {Numbers.Count(e.Flops)}, otherFlops "
            + $"{Numbers.Count(e.OtherFlops)} (per example)\n\n"
            + $"{points}\n{slopes}";
    }

    /// <summary>The slope table's columns, for this text and the report.</summary>
    public static readonly string[] Headers =
    [
        "segment",
        "params slope",
        "ratio",
        "flops slope",
        "ratio",
        "other slope",
        "ratio",
        "s/layer [95% CI]",
        "GFLOP/s [95% CI]",
    ];

    /// <summary>One segment's row under <see cref="Headers"/>, the segment named as <paramref name="segment"/>.</summary>
    public static string[] Cells(SlopeSegment s, string segment) =>
        [
            segment,
            Numbers.Count((long)s.ParamsSlope),
            Numbers.Fixed(s.ParamsRatio, 6),
            Numbers.Count((long)s.FlopsSlope),
            Numbers.Fixed(s.FlopsRatio, 6),
            Numbers.Count((long)s.OtherFlopsSlope),
            Numbers.Fixed(s.OtherFlopsRatio, 6),
            Numbers.Interval(s.SecondsPerLayer, 6),
            s.AchievedGflops is { } g ? Numbers.Interval(g, 2) : "n/a (no measurable time)",
        ];
}
