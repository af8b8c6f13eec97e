using PerfGate.Core.Gate;
using PerfGate.Core.Reports;
using Snapshooter.Xunit;

namespace PerfGate.Reports.Tests;

/// <summary>Snapshots of what people read: the Markdown report and the CI job summary for a fixed synthetic result.</summary>
public class MarkdownSnapshotTests
{
    [Fact]
    public void The_markdown_report_of_a_regressed_model()
    {
        var blocks = ReportDocument.Build([FixedReport.Regressed()], FixedReport.Slope(), "perfgate approve --model tiny-cnn");
        Snapshot.Match(MarkdownRenderer.Render(blocks));
    }

    [Fact]
    public void The_job_summary_of_a_regressed_model()
    {
        var report = CheckReport.Of([FixedReport.Regressed().Verdict!], "perfgate approve --model tiny-cnn");
        Snapshot.Match(CheckText.Markdown(report));
    }
}
