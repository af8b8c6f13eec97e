using PerfGate.Core.Gate;
using PerfGate.Core.Text;
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
        var report = CheckVerdicts.Of([FixedReport.Regressed().Verdict!], "perfgate approve --model tiny-cnn");
        Snapshot.Match(CheckText.Markdown(report));
    }
}

/// <summary>Under CI a snapshot that is not committed fails, never gets written and passed (<see cref="SnapshotStrictness"/>).</summary>
public class SnapshotStrictnessTests
{
    [Fact]
    public void Under_ci_a_missing_snapshot_fails_the_test()
    {
        var before = Environment.GetEnvironmentVariable("CI");
        var strictBefore = Environment.GetEnvironmentVariable(SnapshotStrictness.Variable);
        try
        {
            Environment.SetEnvironmentVariable("CI", "true");
            SnapshotStrictness.StrictUnderCi();
            var name = $"never-committed-{Guid.NewGuid():N}";
            Assert.Throws<Snapshooter.Exceptions.SnapshotNotFoundException>(() => Snapshot.Match("anything", name));
            Assert.Empty(Directory.GetFiles(AppContext.BaseDirectory, name + "*", SearchOption.AllDirectories));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CI", before);
            Environment.SetEnvironmentVariable(SnapshotStrictness.Variable, strictBefore);
        }
    }
}
