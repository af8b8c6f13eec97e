using System.Xml.Linq;

namespace PerfGate.Reports.Tests;

/// <summary>The charts exist, are valid SVG and PNG, and carry their series, axes and units.</summary>
public sealed class ChartTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-charts").FullName;
    private readonly IReadOnlyList<string> _written;

    public ChartTests() => _written = ReportWriter.Write([FixedReport.Regressed()], _dir, "approve", FixedReport.Slope());

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("tiny-cnn.throughput", "current (median)", "approved baseline (median)", "throughput flattens at batch 8", "images / s")]
    [InlineData(
        "tiny-cnn.efficiency",
        "model FLOP/s ÷ calibration GEMM FLOP/s",
        "what a dense GEMM achieves right now",
        "% of calibration GEMM FLOP/s",
        "batch size"
    )]
    public void Each_chart_is_valid_svg_with_its_series_and_labels(string chart, params string[] texts)
    {
        var svg = XDocument.Load(Path.Combine(_dir, chart + ".svg")); // throws if it is not well-formed XML
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        var text = string.Concat(svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value + "\n"));
        foreach (var expected in texts)
            Assert.Contains(expected, text);
        Assert.Contains("log₂", text);
        Assert.True(svg.Descendants().Count(e => e.Name.LocalName is "path" or "polyline" or "line" or "rect") > 10);
    }

    [Theory]
    [InlineData("tiny-cnn.throughput.png")]
    [InlineData("tiny-cnn.efficiency.png")]
    public void Each_chart_is_a_png_of_the_chart_size(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(_dir, file));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a }, bytes[..8]);
        int Big(int at) => bytes[at] << 24 | bytes[at + 1] << 16 | bytes[at + 2] << 8 | bytes[at + 3];
        Assert.Equal((Charts.Width, Charts.Height), (Big(16), Big(20))); // IHDR width and height
        Assert.True(bytes.Length > 10_000); // a drawn chart, not a blank image
    }

    [Fact]
    public void The_csv_holds_every_round_of_every_batch()
    {
        var lines = File.ReadAllLines(Path.Combine(_dir, "measurements.csv"));
        Assert.Equal("model,batch,round,images_per_sec,calibration_gflops,normalized", lines[0]);
        Assert.Equal(5 * 20, lines.Length - 1);
        Assert.Contains(Path.Combine(_dir, "report.html"), _written);
    }
}
