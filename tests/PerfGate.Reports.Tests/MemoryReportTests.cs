using System.Xml.Linq;
using PerfGate.Core.Measurements;

namespace PerfGate.Reports.Tests;

/// <summary>Memory against batch size in the report, beside images/sec: the table and the chart, measured against counted.</summary>
public sealed class MemoryReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-memory-report").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ModelReport WithMemory()
    {
        var report = FixedReport.Regressed();
        var batches = report
            .Current.Batches.Select(b => b with { PeakMemory = new MeasuredMemory(b.Batch * 3L * 1024 * 1024, MeasuredMemory.CpuPeakRise) })
            .ToArray();
        // float32 activations, as they ran: 4 bytes per element of each layer's input and output
        var layers = report
            .Current.Layers.Select(l =>
                l with
                {
                    InputBytes = 4 * l.InputShape.Aggregate(1L, (a, d) => a * d),
                    OutputBytes = 4 * l.OutputShape.Aggregate(1L, (a, d) => a * d),
                }
            )
            .ToArray();
        return report with { Current = report.Current with { Batches = batches, Layers = layers } };
    }

    [Fact]
    public void The_report_tables_and_charts_measured_and_counted_memory_per_batch_size()
    {
        var written = ReportWriter.Write([WithMemory()], _dir, "approve", FixedReport.Slope());

        var markdown = File.ReadAllText(Path.Combine(_dir, "report.md"));
        Assert.Contains("### Memory", markdown);
        Assert.Contains(MeasuredMemory.CpuPeakRise, markdown);
        // batch 16: 48 MiB measured; counted: the ReLU's input and output alive together, (2048 + 2048) × 4 bytes per example
        Assert.Contains("| 16 | 48.0 MiB |  | 256.0 KiB |", markdown);
        Assert.Contains(Path.Combine(_dir, "tiny-cnn.memory.svg"), written);
        var svg = XDocument.Load(Path.Combine(_dir, "tiny-cnn.memory.svg"));
        var text = string.Concat(svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value + "\n"));
        Assert.Contains("measured peak", text);
        Assert.Contains("counted activations", text);
    }

    [Fact]
    public void A_result_without_memory_has_no_memory_section()
    {
        ReportWriter.Write([FixedReport.Regressed()], _dir, "approve", FixedReport.Slope());

        Assert.DoesNotContain("### Memory", File.ReadAllText(Path.Combine(_dir, "report.md")));
        Assert.False(File.Exists(Path.Combine(_dir, "tiny-cnn.memory.svg")));
    }
}
