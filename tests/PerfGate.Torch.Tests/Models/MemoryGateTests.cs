using PerfGate.Core.Baselines;
using PerfGate.Core.Flops;
using PerfGate.Core.Gate;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Workloads;
using static TorchSharp.torch;

namespace PerfGate.Torch.Tests.Models;

/// <summary>A pull request that doubles one feature map, caught by the counted memory gate exactly, on the layer's line.</summary>
public class MemoryGateTests
{
    private static CountedMetrics Counted(IPerfGateWorkload workload, long batch)
    {
        var report = new FlopCounter().Count(workload.Name, workload.Create(), workload.Input(batch, CPU));
        return CountedMetrics.From(
            new Core.Measurements.MeasurementResult(
                Core.Measurements.MeasurementResult.CurrentSchemaVersion,
                "feature-cnn",
                new Core.Measurements.DeviceFingerprint("cpu", "test", "x64", "avx2", 2, 1, null, "0.107.0", "2.10.0"),
                report.Totals.Flops,
                report.Totals.OtherFlops,
                report.Totals.Params,
                report.Layers,
                "none",
                [],
                null,
                new Core.Measurements.BuildInfo(Core.Measurements.BuildInfo.Release, null)
            )
        );
    }

    [Fact]
    public void A_doubled_feature_map_is_a_counted_memory_finding_on_its_layer_with_the_old_and_new_bytes()
    {
        var approved = Counted(new FeatureMapCnnWorkload(), 1);
        var doubled = Counted(new DoubledFeatureMapCnnWorkload(), 1);

        var findings = CountedComparer.Compare("feature-cnn", approved, doubled, null, null).ToArray();

        var conv1 = Assert.Single(findings, f => f.Metric == "conv1");
        // 32 → 64 channels of 128 × 128 float32 per example
        Assert.Contains($"outputBytes {32 * 128 * 128 * 4:N0} → {64 * 128 * 128 * 4:N0} (+100.0%)", conv1.Message);
        var total = Assert.Single(findings, f => f.Metric == "total");
        // the peak: relu1's input and output, both conv1's size, alive together
        Assert.Contains($"peakActivationBytes {2 * 32 * 128 * 128 * 4:N0} → {2 * 64 * 128 * 128 * 4:N0}", total.Message);
    }
}
