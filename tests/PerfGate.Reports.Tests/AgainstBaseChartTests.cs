using System.Xml.Linq;
using PerfGate.Core.Against;
using PerfGate.Core.Gate;

namespace PerfGate.Reports.Tests;

/// <summary>An A/B check's report: the head ÷ base table and chart per batch size, with the threshold drawn.</summary>
public sealed class AgainstBaseChartTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-against-chart").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_report_of_an_ab_check_charts_head_against_base_with_its_threshold()
    {
        var report = FixedReport.Regressed();
        var all = new Finding(
            FindingCodes.ThroughputRegressed,
            Verdict.Fail,
            report.Model,
            PairedComparer.AllBatches,
            null,
            null,
            -0.08,
            0.03,
            0.001,
            "slower"
        );
        var against = new AgainstBase(
            "origin/main",
            "0123456789abcdef0123",
            "0.2.0",
            [
                new PairedSummary(1, 30, 0.93, 0.90, 0.96, [0.93], null),
                new PairedSummary(8, 28, 0.91, 0.87, 0.95, [0.91], null),
                new PairedSummary(32, 0, null, null, null, [], "one round does not fit"),
            ]
        );
        var written = ReportWriter.Write(
            [report with { Verdict = report.Verdict! with { Findings = [all] }, Against = against }],
            _dir,
            "approve"
        );

        var svg = XDocument.Load(Path.Combine(_dir, "tiny-cnn.against-base.svg"));
        var text = string.Concat(svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value + "\n"));
        foreach (
            var expected in new[]
            {
                "head against base 0123456789ab",
                "head ÷ base (over launches of ABBA round pairs)",
                "threshold (-3.0%)",
                "% of base",
            }
        )
            Assert.Contains(expected, text);
        Assert.Contains(Path.Combine(_dir, "tiny-cnn.against-base.png"), written);

        var markdown = File.ReadAllText(Path.Combine(_dir, "report.md"));
        Assert.Contains("Head against base 0123456789ab (origin/main's merge-base)", markdown);
        Assert.Contains("| 8 | 28 | -9.0% | -13.0% to -5.0% |", markdown);
        Assert.Contains("one round does not fit", markdown);
    }
}
