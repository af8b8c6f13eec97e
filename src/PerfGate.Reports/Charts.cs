using PerfGate.Core;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using ScottPlot;

namespace PerfGate.Reports;

/// <summary>
/// The report's charts, rendered by ScottPlot: images/sec against batch size (log₂ axis), baseline against current, with the
/// flattening point marked; and efficiency, the model's FLOP/s as a fraction of the calibration GEMM's, per batch size.
/// </summary>
internal static class Charts
{
    public const int Width = 900,
        Height = 500;

    public static Plot Throughput(ModelReport report)
    {
        var plot = new Plot();
        var measured = report.Current.Batches.Where(b => b.ImagesPerSec is not null).ToArray();
        var current = plot.Add.Scatter(
            measured.Select(b => Math.Log2(b.Batch)).ToArray(),
            measured.Select(b => b.ImagesPerSec!.Median).ToArray()
        );
        current.LegendText = "current (median)";
        current.LineWidth = 2;
        current.MarkerSize = 8;
        foreach (var b in measured)
        {
            var ci = plot.Add.Line(Math.Log2(b.Batch), b.ImagesPerSec!.CiLow, Math.Log2(b.Batch), b.ImagesPerSec.CiHigh);
            ci.Color = current.Color;
            ci.LineWidth = 1.5f;
        }

        if (report.Baseline is { } baseline && baseline.Throughput.Count > 0)
        {
            var points = baseline.Throughput.OrderBy(t => t.Key).ToArray();
            var approved = plot.Add.Scatter(
                points.Select(p => Math.Log2(p.Key)).ToArray(),
                points.Select(p => p.Value.ImagesPerSecMedian).ToArray()
            );
            approved.LegendText = "approved baseline (median)";
            approved.LinePattern = LinePattern.Dashed;
            approved.MarkerShape = MarkerShape.OpenSquare;
            approved.MarkerSize = 8;
        }

        if (report.Current.FlattensAtBatch is { } flat)
        {
            var line = plot.Add.VerticalLine(Math.Log2(flat));
            line.LinePattern = LinePattern.Dotted;
            line.Color = Colors.Gray;
            line.LegendText = $"throughput flattens at batch {flat}";
        }

        Style(plot, report, $"{report.Model}: inference throughput ({report.Current.Fingerprint.Class})", "images / s (median, 95% CI)");
        plot.Axes.SetLimitsY(
            0,
            Math.Max(
                1,
                measured
                    .Select(b => b.ImagesPerSec!.CiHigh)
                    .Concat(report.Baseline?.Throughput.Values.Select(t => t.ImagesPerSecMedian) ?? [])
                    .DefaultIfEmpty(1)
                    .Max() * 1.15
            )
        );
        return plot;
    }

    /// <summary>Measured peak memory against batch size (MiB), the approved figures, and the counted activations at each size.</summary>
    public static Plot Memory(ModelReport report)
    {
        const double MiB = 1024 * 1024;
        var plot = new Plot();
        var measured = report.Current.Batches.Where(b => b.PeakMemory is not null).ToArray();
        var current = plot.Add.Scatter(
            measured.Select(b => Math.Log2(b.Batch)).ToArray(),
            measured.Select(b => b.PeakMemory!.Bytes / MiB).ToArray()
        );
        current.LegendText = "measured peak";
        current.LineWidth = 2;
        current.MarkerSize = 8;
        var approved = report.Baseline?.Throughput.Where(t => t.Value.PeakMemory is not null).OrderBy(t => t.Key).ToArray() ?? [];
        if (approved.Length > 0)
        {
            var line = plot.Add.Scatter(
                approved.Select(t => Math.Log2(t.Key)).ToArray(),
                approved.Select(t => t.Value.PeakMemory!.Bytes / MiB).ToArray()
            );
            line.LegendText = "approved";
            line.LinePattern = LinePattern.Dashed;
            line.MarkerShape = MarkerShape.OpenSquare;
        }
        if (Core.Flops.MemoryCount.Of(report.Current.Layers).PeakActivationBytes is { } perExample)
        {
            var counted = plot.Add.Scatter(
                measured.Select(b => Math.Log2(b.Batch)).ToArray(),
                measured.Select(b => perExample * b.Batch / MiB).ToArray()
            );
            counted.LegendText = "counted activations (peak alive at once)";
            counted.LinePattern = LinePattern.Dotted;
        }
        Style(plot, report, $"{report.Model}: memory ({report.Current.Fingerprint.Class})", "MiB");
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.Axes.SetLimitsY(0, measured.Select(b => b.PeakMemory!.Bytes / MiB).DefaultIfEmpty(1).Max() * 1.3);
        return plot;
    }

    public static Plot Efficiency(ModelReport report)
    {
        var plot = new Plot();
        var measured = report.Current.Batches.Where(b => b.Efficiency is not null).ToArray();
        var bars = plot.Add.Bars(
            measured.Select(b => Math.Log2(b.Batch)).ToArray(),
            measured.Select(b => b.Efficiency!.Value * 100).ToArray()
        );
        bars.LegendText = "model FLOP/s ÷ calibration GEMM FLOP/s";
        foreach (var bar in bars.Bars)
        {
            bar.Size = 0.6;
            bar.Label = Numbers.Fixed(bar.Value, 0) + "%";
        }
        bars.ValueLabelStyle.FontSize = 14;
        var full = plot.Add.HorizontalLine(100);
        full.LinePattern = LinePattern.Dashed;
        full.Color = Colors.Gray;
        full.LegendText = "what a dense GEMM achieves right now";

        Style(plot, report, $"{report.Model}: efficiency (roofline view)", "efficiency (% of calibration GEMM FLOP/s)");
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.Axes.SetLimitsY(0, Math.Max(110, measured.Select(b => b.Efficiency!.Value * 100).DefaultIfEmpty(0).Max() * 1.15));
        return plot;
    }

    /// <summary>Head's throughput as a percentage of base's per batch size (over the launches of ABBA round pairs, 95% CI), with the A/B
    /// threshold.</summary>
    public static Plot AgainstBase(ModelReport report)
    {
        var plot = new Plot();
        var against = report.Against!;
        var measured = against.Batches.Where(b => b.Ratio is not null).ToArray();
        var ratio = plot.Add.Scatter(
            measured.Select(b => Math.Log2(b.Batch)).ToArray(),
            measured.Select(b => b.Ratio!.Value * 100).ToArray()
        );
        ratio.LegendText = "head ÷ base (over launches of ABBA round pairs)";
        ratio.LineWidth = 0;
        ratio.MarkerSize = 10;
        foreach (var b in measured.Where(b => b.CiLow is not null && b.CiHigh is not null))
        {
            var ci = plot.Add.Line(Math.Log2(b.Batch), b.CiLow!.Value * 100, Math.Log2(b.Batch), b.CiHigh!.Value * 100);
            ci.Color = ratio.Color;
            ci.LineWidth = 2;
        }
        var same = plot.Add.HorizontalLine(100);
        same.Color = Colors.Gray;
        same.LegendText = "as fast as base";
        var threshold = report.Verdict?.Findings.FirstOrDefault(f => f.Metric == Core.Against.PairedComparer.AllBatches)?.Threshold;
        if (threshold is { } t)
        {
            var limit = plot.Add.HorizontalLine(100 * (1 - t));
            limit.LinePattern = LinePattern.Dashed;
            limit.Color = Colors.Red;
            limit.LegendText = $"threshold ({Numbers.Percent(-t)})";
        }
        Style(
            plot,
            report with
            {
                Baseline = null,
            },
            $"{report.Model}: head against base {Core.GitCommit.Short(against.Commit)}",
            "head throughput, % of base (median, 95% CI)"
        );
        var values = measured
            .SelectMany(b => new[] { b.CiLow ?? b.Ratio!.Value, b.CiHigh ?? b.Ratio!.Value })
            .Append(1 - (threshold ?? 0))
            .Append(1)
            .ToArray();
        plot.Axes.SetLimitsY(Math.Floor(values.Min() * 100 - 5), Math.Ceiling(values.Max() * 100 + 5));
        return plot;
    }

    /// <summary>Time per leaf layer (and outside the layers) at the profiled batch size, the baseline's beside it when it has a
    /// profile.</summary>
    public static Plot Layers(ModelReport report)
    {
        if (report.LayersAgainstBase is { } ab) // A/B: base in grey beside head, from the profile pairs
        {
            var rows = ab.Layers.Select(l => (l.Layer, l.HeadSeconds, (double?)l.BaseSeconds)).ToArray();
            return Layers(report, ab.Batch, rows, "head", "base");
        }
        var (current, baseline) = report.Profile!.Value;
        var approved = baseline?.Layers.ToDictionary(l => l.Layer, l => l.Seconds.Median);
        return Layers(
            report,
            current.Batch,
            current
                .Layers.Select(l => (l.Layer, l.Seconds.Median, approved is null ? null : (double?)approved.GetValueOrDefault(l.Layer)))
                .ToArray(),
            "current",
            "approved baseline"
        );
    }

    /// <param name="rows">Per layer in forward order, its median seconds and, when there is something to compare with, the other
    /// side's.</param>
    private static Plot Layers(
        ModelReport report,
        int batch,
        IReadOnlyList<(string Layer, double Now, double? Before)> rows,
        string nowName,
        string beforeName
    )
    {
        var plot = new Plot();
        var compared = rows.Any(r => r.Before is not null);
        var width = compared ? 0.4 : 0.8;
        var current = plot.Add.Bars(
            rows.Select((_, i) => i + (compared ? width / 2 : 0)).ToArray(),
            rows.Select(r => r.Now * 1e3).ToArray()
        );
        current.LegendText = $"{nowName} (median)";
        foreach (var bar in current.Bars)
            bar.Size = width;
        if (compared)
        {
            var baseline = plot.Add.Bars(
                rows.Select((_, i) => i - width / 2.0).ToArray(),
                rows.Select(r => (r.Before ?? 0) * 1e3).ToArray()
            );
            baseline.LegendText = $"{beforeName} (median)";
            foreach (var bar in baseline.Bars)
            {
                bar.Size = width;
                bar.FillColor = Colors.Gray.WithAlpha(0.6);
            }
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < rows.Count; i++)
            ticks.AddMajor(i, rows[i].Layer == LayerProfile.OutsideLayers ? "outside" : rows[i].Layer);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.Title($"{report.Model}: time per layer, batch {batch} ({report.Current.Fingerprint.Class})");
        plot.YLabel("ms per batch (median)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimitsY(0, rows.Select(r => Math.Max(r.Now, r.Before ?? 0) * 1e3).Max() * 1.15);
        return plot;
    }

    /// <summary>The PNG and the SVG, each written atomically: a full disk leaves no empty chart behind, and the error names it.</summary>
    public static void Save(Plot plot, string pathWithoutExtension)
    {
        AtomicFile.WriteWith(pathWithoutExtension + ".png", temp => plot.SavePng(temp, Width, Height));
        AtomicFile.WriteWith(pathWithoutExtension + ".svg", temp => plot.SaveSvg(temp, Width, Height));
    }

    private static void Style(Plot plot, ModelReport report, string title, string yLabel)
    {
        var batches = report
            .Current.Batches.Select(b => b.Batch)
            .Concat(report.Baseline?.Throughput.Keys ?? [])
            .Distinct()
            .Order()
            .ToArray();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var b in batches)
            ticks.AddMajor(Math.Log2(b), b.ToString());
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(Math.Log2(batches.DefaultIfEmpty(1).Min()) - 0.5, Math.Log2(batches.DefaultIfEmpty(1).Max()) + 0.5);
        plot.Title(title);
        plot.XLabel("batch size (log₂ scale)");
        plot.YLabel(yLabel);
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.ShowLegend();
    }
}
