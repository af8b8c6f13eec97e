using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Torch.Measuring;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Tests.Models;
using PerfGate.Torch.Workloads;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Measuring;

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

    [Fact]
    public void A_pass_reads_the_peak_of_what_it_holds_whatever_ran_before_it_in_the_process()
    {
        // 327,680 activations per example after the first layer: at batch 64 its output and the ReLU's are 80 MiB each, alive
        // together (Sequential frees each layer's input after the next has run): 160 MiB counted. Blocks past 64 MiB: no glibc
        // arena's top can hold them, so they are mapped whatever thread runs the test (xUnit's threads have arenas of their own,
        // whose tops malloc_trim leaves resident: 16 MiB blocks were read at 16.00 MiB for 32 there; the measuring processes
        // measure on their main thread, whose heap it does trim). Passes at other sizes run in between.
        using var model = Sequential(Linear(16, 327680), ReLU(), Linear(327680, 10));
        model.eval();
        var counted = 2L * 64 * 327680 * sizeof(float);
        using var batch64 = randn(64, 16);
        ForwardTimer.Once(model, batch64); // the first pass at a size also creates what later ones reuse (GEMM packing buffers)
        var peaks = new List<long>();
        foreach (var before in new[] { 1, 48, 8, 17 })
        {
            using (var other = randn(before, 16))
                ForwardTimer.Once(model, other);
            peaks.Add(ResidentMemory.PeakOf(CPU, () => ForwardTimer.Once(model, batch64))!.Value);
        }

        var text = string.Join(", ", peaks.Select(p => $"{p / 1048576.0:F2} MiB"));
        // What was resident at the mark and freed during the pass (a few pages) lowers the rise: not below the counted peak by more.
        Assert.All(peaks, p => Assert.True(p >= counted - 1024 * 1024 && p <= counted + 4 * 1024 * 1024, text));
        // Within 2 MiB of each other (full-suite runs here read 159.77, 159.71, 161.33 and 159.69 MiB: 1.64 apart); the steady
        // heap's readings this replaced differed by tens of MiB.
        Assert.True(peaks.Max() - peaks.Min() <= 2 * 1024 * 1024, text);
    }

    [Fact]
    public void A_doubled_feature_map_fails_the_measured_memory_gate_and_the_same_model_measured_again_passes()
    {
        MeasurementResult Measure(IPerfGateWorkload declared) =>
            MeasurementEngine.Measure(
                new Workload(declared.Name, "test", declared.InputShape, declared.Create),
                new MeasurePlan([16], "cpu", 1, MaxSeconds: 5).Validate(),
                new SamplerSettings(IterationSeconds: 0.01)
            );
        var first = Measure(new FeatureMapCnnWorkload());
        Assert.True(first.Batches[0].PeakMemory is not null, $"batch 16 measured no memory: {first.Batches[0].Error}");
        var approved = Baseline.From([first], "test", null).Throughput;
        IEnumerable<Finding> Gate(MeasurementResult now) =>
            MemoryComparer.Compare("feature-cnn", approved, now.Batches, _ => new Tolerance(), null, _ => 0);

        var doubled = Gate(Measure(new DoubledFeatureMapCnnWorkload())).ToArray();
        var again = Gate(Measure(new FeatureMapCnnWorkload())).ToArray();

        // counted: 64 MiB of activations at batch 16 (conv1's output and its ReLU's), 128 MiB doubled
        var grew = Assert.Single(doubled, f => f.Code == FindingCodes.MemoryGrew);
        Assert.InRange(grew.Delta!.Value, 0.8, 1.2);
        Assert.Equal(FindingCodes.MemoryWithin, Assert.Single(again).Code);
    }
}
