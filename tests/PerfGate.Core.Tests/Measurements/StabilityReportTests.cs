using PerfGate.Core.Measurements;

namespace PerfGate.Core.Tests.Measurements;

public class StabilityReportTests
{
    [Fact]
    public void Spreads_compare_the_runs_medians_per_batch()
    {
        var report = StabilityReport.Of([SyntheticResults.Result(imagesPerSec: 90), SyntheticResults.Result(imagesPerSec: 110)]);

        Assert.Equal(2, report.Runs);
        Assert.Equal([1, 2], report.Batches.Select(b => b.Batch));
        Assert.All(report.Batches, b => Assert.InRange(b.RawSpread, 0.099, 0.101));
        Assert.All(report.Batches, b => Assert.InRange(b.NormalizedSpread, 0.099, 0.101)); // same calibration in both runs
    }

    [Fact]
    public void One_run_or_two_models_cannot_be_compared()
    {
        Assert.Throws<PerfGateException>(() => StabilityReport.Of([SyntheticResults.Result()]));
        Assert.Throws<PerfGateException>(() => StabilityReport.Of([SyntheticResults.Result("a"), SyntheticResults.Result("b")]));
    }
}
