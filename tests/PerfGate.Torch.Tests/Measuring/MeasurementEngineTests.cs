using PerfGate.Core.Measurements;
using PerfGate.Torch.Measuring;
using PerfGate.Torch.Workloads;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Measuring;

/// <summary>End to end on a tiny model for about two seconds: shapes and self-consistency, no timing thresholds.</summary>
public class MeasurementEngineTests
{
    private static readonly Workload Tiny = new("tiny-mlp", "64 -> 64 -> 10", [64], () =>
        Sequential(("fc1", Linear(64, 64)), ("relu", ReLU()), ("fc2", Linear(64, 10)))
    );

    private static readonly Lazy<MeasurementResult> Result = new(() =>
        MeasurementEngine.Measure(
            Tiny,
            new MeasurePlan([1, 4], "cpu", 1, MaxSeconds: 2).Validate(),
            new SamplerSettings(IterationSeconds: 0.01)
        )
    );

    [Fact]
    public void Counts_flops_and_params_once_per_image()
    {
        var r = Result.Value;
        Assert.Equal("tiny-mlp", r.Model);
        Assert.Equal(2L * (64 * 64 + 64 * 10), r.Flops);
        Assert.Equal(
            64 /* fc1 bias */
                + 64 /* relu */
                + 10 /* fc2 bias */
            ,
            r.OtherFlops
        );
        Assert.Equal(64 * 64 + 64 + 64 * 10 + 10, r.Params);
        Assert.Equal("gemm-512", r.Calibration);
        Assert.Equal(MeasurementResult.CurrentSchemaVersion, r.SchemaVersion);
    }

    [Fact]
    public void Every_batch_has_positive_self_consistent_figures()
    {
        var r = Result.Value;
        Assert.Equal([1, 4], r.Batches.Select(b => b.Batch));
        foreach (var b in r.Batches)
        {
            Assert.Null(b.Error);
            Assert.True(b.SampleCount >= new SamplerSettings().MinRounds);
            Assert.All(b.Samples, s => Assert.True(s > 0));
            Assert.All(b.CalibrationGflops, g => Assert.True(g > 0));
            Assert.Equal(b.SampleCount, b.CalibrationGflops.Length);
            Assert.InRange(b.ImagesPerSec!.Median, b.ImagesPerSec.CiLow, b.ImagesPerSec.CiHigh);
            // images/sec x seconds = images run, up to the spread between rounds.
            Assert.InRange(b.ImagesRun / b.MeasuredSeconds, b.Samples.Min(), b.Samples.Max());
            Assert.Equal(0, b.ImagesRun % b.Batch);
            Assert.True(b.Efficiency > 0);
            Assert.Null(b.GpuMemoryBytes); // CPU run
        }
        Assert.Contains(r.FlattensAtBatch, new int?[] { 1, 4 });
    }

    [Fact]
    public void The_fingerprint_records_device_threads_and_versions()
    {
        var f = Result.Value.Fingerprint;
        Assert.Equal("cpu", f.Device);
        Assert.Equal(1, f.Threads);
        Assert.Equal("0.107.0", f.TorchSharpVersion);
        Assert.StartsWith("2.10", f.LibTorchVersion);
        Assert.Matches(@"^cpu-[a-z0-9]+-[a-z0-9]+(-[a-z]+[0-9x.a-f]+)?-1t$", f.Class);
        if (File.Exists("/proc/cpuinfo"))
            Assert.NotNull(f.Microarchitecture);
        Assert.True(f.LogicalCores >= 1);
    }
}

/// <summary>--max-seconds is a bound: a batch that cannot run one round within it is reported, not measured past the bound.</summary>
public class TimeBudgetTests
{
    [Fact]
    public void A_batch_too_large_for_the_budget_is_skipped_with_its_reason_and_never_run()
    {
        // 100,000 rows through a 4096x4096 layer take minutes here: the batch is judged from batch 1's pass and not run at all
        // (no images run, no time measured), which is what keeps the run within its bound. No clock is read by the test.
        var plan = new MeasurePlan([1, 100_000], "cpu", 1, MaxSeconds: 2).Validate();

        var result = MeasurementEngine.Measure(BuiltInWorkloads.Find("mlp-stack-1"), plan, new SamplerSettings(IterationSeconds: 0.01));

        Assert.True(result.Batches[0].HasFigures);
        var skipped = result.Batches[1];
        Assert.False(skipped.HasFigures);
        Assert.Null(skipped.Error);
        Assert.Contains("does not fit in what is left of the time budget", skipped.Skipped);
        Assert.Equal(0, skipped.ImagesRun);
    }

    [Fact]
    public void A_large_first_batch_that_fits_the_budget_is_measured_not_skipped()
    {
        // 256 rows through a 4096x4096 layer take a fraction of a second: the estimate from one example must not overshoot.
        var result = MeasurementEngine.Measure(
            BuiltInWorkloads.Find("mlp-stack-1"),
            new MeasurePlan([256], "cpu", 1, MaxSeconds: 3).Validate(),
            new SamplerSettings(IterationSeconds: 0.05)
        );
        Assert.True(result.Batches[0].HasFigures, result.Batches[0].Skipped);
    }
}
