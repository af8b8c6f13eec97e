using System.Text.Json;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Torch.Measuring;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Tests.Models;
using PerfGate.Torch.Tests.Runtime;
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
        var readings = JsonSerializer.Deserialize<PeakReadings>(OwnProcess.Run(nameof(MemoryProbes.PeaksAfterOtherPasses)))!;

        var text = string.Join(", ", readings.Peaks.Select(p => $"{p / 1048576.0:F2} MiB"));
        // What was resident at the mark and freed during the pass (a few pages) lowers the rise: not below the counted peak by more.
        Assert.All(readings.Peaks, p => Assert.True(p >= readings.Counted - 1024 * 1024 && p <= readings.Counted + 4 * 1024 * 1024, text));
        // Within 4 MiB of each other: a process's main thread, as the measuring host runs it, reads its first pass after the
        // batch-1 pass highest (three processes here: 163.38, 160.69, 159.65, 159.56 MiB and two within 0.2 of that), the later
        // ones within 0.4 MiB; the steady heap's readings this replaced differed by tens of MiB.
        Assert.True(readings.Peaks.Max() - readings.Peaks.Min() <= 4 * 1024 * 1024, text);
    }

    [Fact]
    public void A_doubled_feature_map_fails_the_measured_memory_gate_and_the_same_model_measured_again_passes()
    {
        var readings = JsonSerializer.Deserialize<FeatureMapReadings>(OwnProcess.Run(nameof(MemoryProbes.FeatureMapGrowth)))!;

        // counted: 64 MiB of activations at batch 16 (conv1's output and its ReLU's), 128 MiB doubled
        var grew = Assert.Single(readings.Doubled, f => f.Code == FindingCodes.MemoryGrew);
        Assert.InRange(grew.Delta!.Value, 0.8, 1.2);
        Assert.Equal(FindingCodes.MemoryWithin, Assert.Single(readings.Again).Code);
    }
}

/// <summary>What <see cref="MemoryProbes.PeaksAfterOtherPasses"/> read: one pass's peak after passes at other sizes.</summary>
internal sealed record PeakReadings(long[] Peaks, long Counted);

/// <summary>A memory finding as a probe prints it.</summary>
internal sealed record MemoryFinding(string Code, double? Delta);

/// <summary>What <see cref="MemoryProbes.FeatureMapGrowth"/> read: the gate's memory findings for the doubled map and for the same
/// model measured again.</summary>
internal sealed record FeatureMapReadings(MemoryFinding[] Doubled, MemoryFinding[] Again);

/// <summary>The memory measurements that read process-wide state, each run in a process of its own (<see cref="OwnProcess"/>).</summary>
internal static class MemoryProbes
{
    public static string PeaksAfterOtherPasses()
    {
        // 327,680 activations per example after the first layer: at batch 64 its output and the ReLU's are 80 MiB each, alive
        // together (Sequential frees each layer's input after the next has run): 160 MiB counted. Passes at other sizes run in
        // between; the first pass at a size also creates what later ones reuse (GEMM packing buffers).
        using var model = Sequential(Linear(16, 327680), ReLU(), Linear(327680, 10));
        model.eval();
        using var batch64 = randn(64, 16);
        ForwardTimer.Once(model, batch64);
        var peaks = new List<long>();
        foreach (var before in new[] { 1, 48, 8, 17 })
        {
            using (var other = randn(before, 16))
                ForwardTimer.Once(model, other);
            peaks.Add(ResidentMemory.PeakOf(CPU, () => ForwardTimer.Once(model, batch64))!.Value);
        }
        return JsonSerializer.Serialize(new PeakReadings([.. peaks], 2L * 64 * 327680 * sizeof(float)));
    }

    public static string FeatureMapGrowth()
    {
        MeasurementResult Measure(IPerfGateWorkload declared) =>
            MeasurementEngine.Measure(
                new Workload(declared.Name, "test", declared.InputShape, declared.Create),
                new MeasurePlan([16], "cpu", 1, MaxSeconds: 5).Validate(),
                new SamplerSettings(IterationSeconds: 0.01)
            );
        var first = Measure(new FeatureMapCnnWorkload());
        if (first.Batches[0].PeakMemory is null)
            throw new InvalidOperationException($"batch 16 measured no memory: {first.Batches[0].Error}");
        var approved = Baseline.From([first], "test", null).Throughput;
        MemoryFinding[] Gate(MeasurementResult now) =>
            MemoryComparer
                .Compare("feature-cnn", approved, now.Batches, _ => new Tolerance(), null, _ => 0)
                .Select(f => new MemoryFinding(f.Code, f.Delta))
                .ToArray();
        var doubled = Gate(Measure(new DoubledFeatureMapCnnWorkload()));
        return JsonSerializer.Serialize(new FeatureMapReadings(doubled, Gate(Measure(new FeatureMapCnnWorkload()))));
    }
}
