using PerfGate.Core.Flops;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Tests.Measurements;

/// <summary>Fixed synthetic measurement results for tests.</summary>
internal static class SyntheticResults
{
    public static readonly DeviceFingerprint Cpu = new("cpu", "Test CPU", "x64", "avx2", 2, 1, null, "0.107.0", "2.10.0");

    public static readonly BuildInfo Release = new(BuildInfo.Release, null);

    public static readonly LayerCount[] Layers =
    [
        LayerCount.Counted("conv1", "Conv2d", [1, 3, 8, 8], [1, 4, 8, 8], 4_000, new LayerCost(400_000, 800_000, 80_000)),
        LayerCount.Counted("fc1", "Linear", [1, 256], [1, 10], 1_000, new LayerCost(50_000, 100_000, 20_000)),
    ];

    /// <summary>
    /// A result with noisy rounds: model throughput <paramref name="imagesPerSec"/> ± <paramref name="noise"/> (uniform, relative),
    /// calibration 50 GFLOP/s ± the same noise, drawn from <paramref name="seed"/>.
    /// </summary>
    public static MeasurementResult Noisy(
        double imagesPerSec,
        double noise = 0.02,
        int rounds = 30,
        int seed = 1,
        string model = "tiny",
        LayerCount[]? layers = null,
        params int[] batches
    )
    {
        if (batches.Length == 0)
            batches = [1, 8];
        var rng = new Random(seed);
        double Jitter() => 1 + noise * (2 * rng.NextDouble() - 1);
        var results = batches
            .Select(b =>
            {
                var timings = Enumerable
                    .Range(0, rounds)
                    .Select(_ => new RoundTiming(10, 10.0 * b / (imagesPerSec * Jitter()), 1, 1e9 / (50e9 * Jitter())))
                    .ToArray();
                return BatchSummary.From(b, timings, flopsPerImage: 1_000_000, calibrationFlopsPerCall: 1e9);
            })
            .ToArray();
        return new MeasurementResult(
            MeasurementResult.CurrentSchemaVersion,
            model,
            Cpu,
            900_000,
            100_000,
            5_000,
            layers ?? Layers,
            "gemm-512",
            results,
            Flattening.Find(results.Select(r => (r.Batch, r.ImagesPerSec))),
            Release
        );
    }

    /// <summary>Approved baselines in memory, as a gate run would read them: the counts of <paramref name="counted"/> and, when given, a
    /// throughput baseline.</summary>
    public static Baselines.ApprovedBaselines Approved(
        MeasurementResult counted,
        Baselines.Baseline? throughput,
        string folder = "baselines/tiny"
    )
    {
        var counts = Baselines.CountsBaseline.From(counted);
        return new(
            folder + "/counts.verified.json",
            (counts, Baselines.BaselineJson.Write(counts)),
            folder + "/cpu.verified.json",
            throughput is null ? null : (throughput, Baselines.BaselineJson.Write(throughput))
        );
    }

    /// <summary>The layers with conv1 widened: its FLOPs grow by a third.</summary>
    public static LayerCount[] WidenedLayers =>
        [LayerCount.Counted("conv1", "Conv2d", [1, 3, 8, 8], [1, 4, 8, 8], 4_000, new LayerCost(400_000, 1_066_668, 80_000)), Layers[1]];

    /// <summary>A result whose every round runs at <paramref name="imagesPerSec"/> against a 50 GFLOP/s calibration.</summary>
    public static MeasurementResult Result(string model = "tiny", double imagesPerSec = 100, int rounds = 12, params int[] batches)
    {
        if (batches.Length == 0)
            batches = [1, 2];
        var results = batches
            .Select(b =>
            {
                // Calls of 1 image each, timed so that the throughput is exactly imagesPerSec.
                var timings = Enumerable
                    .Range(0, rounds)
                    .Select(i => new RoundTiming(10, 10.0 * b / (imagesPerSec * (1 + 0.001 * (i % 3))), 1, 1e9 / 50e9))
                    .ToArray();
                return BatchSummary.From(b, timings, flopsPerImage: 1_000_000, calibrationFlopsPerCall: 1e9);
            })
            .ToArray();
        return new MeasurementResult(
            MeasurementResult.CurrentSchemaVersion,
            model,
            Cpu,
            900_000,
            100_000,
            5_000,
            Layers,
            "gemm-512",
            results,
            Flattening.Find(results.Select(r => (r.Batch, r.ImagesPerSec))),
            Release
        );
    }
}
