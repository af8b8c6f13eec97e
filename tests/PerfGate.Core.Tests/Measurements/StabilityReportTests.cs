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

public class DeviceClassTests
{
    [Fact]
    public void The_cpu_class_names_architecture_isa_microarchitecture_and_threads()
    {
        var f = new DeviceFingerprint("cpu", "AMD EPYC", "x64", "avx2", 2, 1, null, "0.107.0", "2.10.0", "amd25.1");
        Assert.Equal("cpu-x64-avx2-amd25.1-1t", f.Class);
        Assert.Equal("cpu-x64-avx2-4t", (f with { Microarchitecture = null, Threads = 4 }).Class);
    }

    [Fact]
    public void The_gpu_class_names_the_gpu() =>
        Assert.Equal(
            "cuda-geforce-rtx-4090",
            new DeviceFingerprint("cuda", "x", "x64", "avx2", 8, 1, "NVIDIA GeForce RTX 4090", "0.107.0", "2.10.0").Class
        );
}
