using PerfGate.Core.Statistics;

namespace PerfGate.Core.Measurements;

/// <summary>
/// One batch size of a measurement. Every per-round array has one entry per interleaved round: the model's
/// images/sec in that round, the calibration kernel's GFLOP/s measured right after it, and their ratio.
/// </summary>
public sealed record BatchResult(
    int Batch,
    Estimate? ImagesPerSec,
    double[] Samples,
    double[] CalibrationGflops,
    Estimate? NormalizedThroughput,
    double[] NormalizedSamples,
    double? Efficiency,
    double? AchievedGflops,
    long ImagesRun,
    double MeasuredSeconds,
    long? GpuMemoryBytes,
    string? Error)
{
    public int SampleCount => Samples.Length;

    public static BatchResult Failed(int batch, string error) =>
        new(batch, null, [], [], null, [], null, null, 0, 0, null, error);
}
