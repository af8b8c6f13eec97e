using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

/// <summary>The measured peak memory gated against the approved snapshot, through the stored gate's evaluator.</summary>
public class MemoryComparerTests
{
    private const long MiB = 1024 * 1024;

    private static MeasurementResult WithMemory(MeasurementResult result, params long[] bytes) =>
        result with
        {
            Batches = result
                .Batches.Select((b, i) => b with { PeakMemory = new MeasuredMemory(bytes[i], MeasuredMemory.CpuPeakRise) })
                .ToArray(),
        };

    private static ModelVerdict Gate(long[] approvedBytes, long[] nowBytes)
    {
        var approved = WithMemory(SyntheticResults.Noisy(100, noise: 0.01, seed: 3, batches: [1, 8]), approvedBytes);
        var now = WithMemory(SyntheticResults.Noisy(100, noise: 0.01, seed: 4, batches: [1, 8]), nowBytes);
        var baseline = Baseline.From([approved], "test", null);
        return GateEvaluator.Evaluate(now, SyntheticResults.Approved(now, baseline), ToleranceConfig.Defaults);
    }

    [Fact]
    public void A_batch_whose_peak_memory_grew_beyond_its_tolerance_fails_naming_both_figures_and_what_they_are()
    {
        var verdict = Gate([20 * MiB, 60 * MiB], [20 * MiB, 105 * MiB]); // batch 8: +75%, as a doubled feature map read

        Assert.Equal(Verdict.Fail, verdict.Verdict);
        var grew = Assert.Single(verdict.Findings, f => f.Code == FindingCodes.MemoryGrew);
        Assert.Equal(8, grew.Batch);
        Assert.StartsWith("batch 8: peak memory 60.0 MiB → 105.0 MiB (+75.0%), beyond the +25.0% tolerance", grew.Message);
        Assert.Contains(MeasuredMemory.CpuPeakRise, grew.Message);
        Assert.True(grew.ProposesBaseline);
    }

    [Fact]
    public void Growth_within_tolerance_or_under_the_floor_passes_and_lists_every_batch()
    {
        // batch 1: +150% but 6 MiB, a one-off allocation's size at a small batch; batch 8: +16.7%
        var verdict = Gate([4 * MiB, 60 * MiB], [10 * MiB, 70 * MiB]);

        Assert.DoesNotContain(verdict.Findings, f => f.Code == FindingCodes.MemoryGrew);
        var within = Assert.Single(verdict.Findings, f => f.Code == FindingCodes.MemoryWithin);
        Assert.Equal(Verdict.Pass, within.Verdict);
        Assert.Contains("batch 1 4.0 MiB → 10.0 MiB, batch 8 60.0 MiB → 70.0 MiB", within.Message);
    }

    [Fact]
    public void A_snapshot_without_memory_is_not_compared_on_it()
    {
        var approved = SyntheticResults.Noisy(100, noise: 0.01, seed: 3, batches: [1]);
        var now = WithMemory(SyntheticResults.Noisy(100, noise: 0.01, seed: 4, batches: [1]), 500 * MiB);
        var verdict = GateEvaluator.Evaluate(
            now,
            SyntheticResults.Approved(now, Baseline.From([approved], "test", null)),
            ToleranceConfig.Defaults
        );

        Assert.DoesNotContain(verdict.Findings, f => f.Code is FindingCodes.MemoryGrew or FindingCodes.MemoryWithin);
    }

    [Fact]
    public void A_snapshot_from_several_runs_keeps_the_median_memory()
    {
        var runs = new[] { 30L, 10L, 20L }
            .Select((m, i) => WithMemory(SyntheticResults.Noisy(100, noise: 0.01, seed: i, batches: [1]), m * MiB))
            .ToArray();

        Assert.Equal(20 * MiB, Baseline.From(runs, "test", null).Throughput[1].PeakMemory!.Bytes);
    }

    [Fact]
    public void The_tolerance_file_takes_a_memory_growth_of_its_own()
    {
        var dir = Directory.CreateTempSubdirectory("perfgate-memory-tolerance").FullName;
        try
        {
            File.WriteAllText(
                Path.Combine(dir, ToleranceConfig.FileName),
                """{ "version": 1, "defaults": { "peakMemoryGrowth": 0.5 }, "models": { "tiny": { "peakMemoryGrowth": 0.1 } } }"""
            );
            var config = ToleranceConfig.Load(dir);
            Assert.Equal((0.5, 0.1), (config.For("other", 1).PeakMemoryGrowth, config.For("tiny", 1).PeakMemoryGrowth));
            File.WriteAllText(Path.Combine(dir, ToleranceConfig.FileName), """{ "version": 1, "defaults": { "peakMemoryGrowth": -1 } }""");
            var e = Assert.Throws<PerfGateException>(() => ToleranceConfig.Load(dir));
            Assert.Contains("peakMemoryGrowth", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
