using PerfGate.Core.Measurements;
using PerfGate.Torch.Measurement;
using PerfGate.Torch.Workloads;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Measurement;

/// <summary>The process's peak resident memory is one figure per process: read with no other test measuring beside it.</summary>
[CollectionDefinition(nameof(ProcessMemory), DisableParallelization = true)]
public sealed class ProcessMemory;

[Collection(nameof(ProcessMemory))]
public class PeakMemoryTests
{
    [Fact]
    public void Each_batch_size_records_the_peak_memory_its_passes_took_above_the_models_own()
    {
        // 8192 activations per example after the first layer: 2 MiB at batch 64, as its output and the ReLU's.
        var wide = new Workload("wide-mlp", "256 -> 8192 -> 10", [256], () => Sequential(Linear(256, 8192), ReLU(), Linear(8192, 10)));

        var result = MeasurementEngine.Measure(
            wide,
            new MeasurePlan([1, 64], "cpu", 1, MaxSeconds: 2).Validate(),
            new SamplerSettings(IterationSeconds: 0.01)
        );

        var (one, many) = (result.Batches[0].PeakMemory!, result.Batches[1].PeakMemory!);
        Assert.Equal(MeasuredMemory.CpuPeakRise, one.Source);
        Assert.True(many.Bytes - one.Bytes >= 63 * 8192 * 4, $"batch 1 {one.Bytes} B, batch 64 {many.Bytes} B");
    }
}
