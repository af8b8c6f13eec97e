using PerfGate.Core.Flops;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Tests.Measurements;

/// <summary>Fixed synthetic measurement results for tests.</summary>
internal static class SyntheticResults
{
    public static readonly DeviceFingerprint Cpu = new("cpu", "Test CPU", "x64", "avx2", 2, 1, null, "0.107.0", "2.10.0");

    public static readonly LayerCount[] Layers =
    [
        LayerCount.Counted("conv1", "Conv2d", [1, 3, 8, 8], [1, 4, 8, 8], 4_000, new LayerCost(400_000, 800_000, 80_000)),
        LayerCount.Counted("fc1", "Linear", [1, 256], [1, 10], 1_000, new LayerCost(50_000, 100_000, 20_000)),
    ];

    /// <summary>A result whose every round runs at <paramref name="imagesPerSec"/> against a 50 GFLOP/s calibration.</summary>
    public static MeasurementResult Result(string model = "tiny", double imagesPerSec = 100, int rounds = 12, params int[] batches)
    {
        if (batches.Length == 0) batches = [1, 2];
        var results = batches.Select(b =>
        {
            // Calls of 1 image each, timed so that the throughput is exactly imagesPerSec.
            var timings = Enumerable.Range(0, rounds).Select(i => new RoundTiming(10, 10.0 * b / (imagesPerSec * (1 + 0.001 * (i % 3))), 1, 1e9 / 50e9)).ToArray();
            return BatchSummary.From(b, timings, flopsPerImage: 1_000_000, calibrationFlopsPerCall: 1e9);
        }).ToArray();
        return new MeasurementResult(MeasurementResult.CurrentSchemaVersion, model, Cpu, 900_000, 100_000, 5_000, Layers, "gemm-512", results,
            Flattening.Find(results.Select(r => (r.Batch, r.ImagesPerSec))));
    }
}
