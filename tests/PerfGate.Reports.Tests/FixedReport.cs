using PerfGate.Core.Baselines;
using PerfGate.Core.Flops;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Slope;
using PerfGate.Reports;

namespace PerfGate.Reports.Tests;

/// <summary>A fixed synthetic model, baseline, verdict and slope check: the same report every time.</summary>
internal static class FixedReport
{
    private static readonly DeviceFingerprint Cpu = new("cpu", "Test CPU", "x64", "avx2", 2, 1, null, "0.107.0", "2.10.0");

    private static readonly LayerCount[] Layers =
    [
        LayerCount.Counted("conv1", "Conv2d", [1, 3, 16, 16], [1, 8, 16, 16], 224, new LayerCost(55_296, 110_592, 2_048)),
        LayerCount.Counted("conv1_relu", "ReLU", [1, 8, 16, 16], [1, 8, 16, 16], 0, LayerCost.Other(2_048)),
        LayerCount.Counted("fc", "Linear", [1, 2048], [1, 10], 20_490, new LayerCost(20_480, 40_960, 10)),
    ];

    /// <summary>Rounds at the given images/sec, with a deterministic ±2% ripple, against a 50 GFLOP/s calibration.</summary>
    public static MeasurementResult Result(double scale)
    {
        var batches = new[] { 1, 2, 4, 8, 16 }
            .Select(b =>
            {
                var ips = scale * 100 * Math.Min(b, 8) / (1 + 0.2 * Math.Min(b, 8));
                var rounds = Enumerable
                    .Range(0, 20)
                    .Select(i => new RoundTiming(
                        10,
                        10.0 * b / (ips * (1 + 0.02 * Math.Sin(i))),
                        1,
                        1e9 / (50e9 * (1 + 0.01 * Math.Cos(i)))
                    ))
                    .ToArray();
                return BatchSummary.From(b, rounds, flopsPerImage: 155_648, calibrationFlopsPerCall: 1e9);
            })
            .ToArray();
        return new MeasurementResult(
            MeasurementResult.CurrentSchemaVersion,
            "tiny-cnn",
            Cpu,
            151_552,
            4_106,
            20_714,
            Layers,
            "gemm-512",
            batches,
            Flattening.Find(batches.Select(b => (b.Batch, b.ImagesPerSec))),
            new BuildInfo(BuildInfo.Release, null)
        );
    }

    public static ModelReport Regressed()
    {
        var baseline = Baseline.From([Result(1.0)], "0.1.0", null);
        var counts = CountsBaseline.From(Result(1.0));
        var current = Result(0.8);
        var approved = new ApprovedBaselines(
            "baselines/tiny-cnn/counts.verified.json",
            (counts, BaselineJson.Write(counts)),
            "baselines/tiny-cnn/cpu-x64-avx2-1t.verified.json",
            (baseline, BaselineJson.Write(baseline))
        );
        var verdict = GateEvaluator.Evaluate(current, approved, ToleranceConfig.Defaults);
        return new ModelReport(current, baseline, verdict);
    }

    public static SlopeReport Slope()
    {
        var e = SlopeExpectation.AffineRelu(4096);
        return SlopeReport.Analyze(
            "mlp-stack",
            16,
            1,
            e,
            new[] { 1, 2, 4 }.Select(n => new SlopePoint(n, n * e.Params, n * e.Flops, n * e.OtherFlops, [0.01 * n + 0.002])).ToArray()
        );
    }
}
