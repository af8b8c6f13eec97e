using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using PerfGate.Core.Slope;

namespace PerfGate.Reports;

/// <summary>Writes the whole report into a folder: report.md, report.html, the charts as SVG and PNG, and the CSV of all
/// measurements.</summary>
internal static class ReportWriter
{
    public static IReadOnlyList<string> Write(
        IReadOnlyList<ModelReport> models,
        string folder,
        string? approveCommand,
        SlopeReport? slope = null
    )
    {
        Directory.CreateDirectory(folder);
        var blocks = ReportDocument.Build(models, slope, approveCommand);
        var written = new List<string>
        {
            AtomicFile.Write(Path.Combine(folder, "report.md"), MarkdownRenderer.Render(blocks)),
            AtomicFile.Write(Path.Combine(folder, "report.html"), HtmlRenderer.Render(blocks, "PerfGate report")),
        };
        IEnumerable<string> Files(string chart) => new[] { ".svg", ".png" }.Select(e => Path.Combine(folder, chart + e));
        foreach (var model in models.Where(_ => ChartsDrawable()))
        {
            Charts.Save(Charts.Throughput(model), Path.Combine(folder, ReportDocument.ThroughputChart(model.Model)));
            Charts.Save(Charts.Efficiency(model), Path.Combine(folder, ReportDocument.EfficiencyChart(model.Model)));
            if (model.Current.Batches.Any(b => b.PeakMemory is not null))
            {
                Charts.Save(Charts.Memory(model), Path.Combine(folder, ReportDocument.MemoryChart(model.Model)));
                written.AddRange(Files(ReportDocument.MemoryChart(model.Model)));
            }
            if (model.Against is not null)
            {
                Charts.Save(Charts.AgainstBase(model), Path.Combine(folder, ReportDocument.AgainstBaseChart(model.Model)));
                written.AddRange(Files(ReportDocument.AgainstBaseChart(model.Model)));
            }
            if (model.Profile is not null || model.LayersAgainstBase is not null)
            {
                Charts.Save(Charts.Layers(model), Path.Combine(folder, ReportDocument.LayersChart(model.Model)));
                written.AddRange(Files(ReportDocument.LayersChart(model.Model)));
            }
            written.AddRange(
                new[] { ReportDocument.ThroughputChart(model.Model), ReportDocument.EfficiencyChart(model.Model) }.SelectMany(Files)
            );
        }
        if (models.Count > 0 && !ChartsDrawable())
            Console.Error.WriteLine(
                $"warning: the report's charts were not drawn: the chart renderer (SkiaSharp) has no native library for "
                    + $"{System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier} in this perfgate; the tables are complete."
            );
        var rows = models.SelectMany(
            (m, i) => MeasurementCsv.Samples(m.Current).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(i == 0 ? 0 : 1)
        );
        written.Add(AtomicFile.Write(Path.Combine(folder, "measurements.csv"), string.Join('\n', rows) + "\n"));
        return written;
    }

    private static bool? _chartsDrawable;

    /// <summary>Whether SkiaSharp's native library loads here (the installed tool carries it for linux-x64, win-x64 and macOS
    /// only).</summary>
    private static bool ChartsDrawable()
    {
        if (_chartsDrawable is { } known)
            return known;
        try
        {
            using var probe = new SkiaSharp.SKBitmap(1, 1);
            _chartsDrawable = true;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            _chartsDrawable = false;
        }
        return _chartsDrawable.Value;
    }
}
