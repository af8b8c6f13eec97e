using PerfGate.Core.Statistics;

namespace PerfGate.Core.Measurements;

/// <summary>Turns the rounds measured at one batch size into a <see cref="BatchResult"/>.</summary>
internal static class BatchSummary
{
    /// <param name="flopsPerImage">All counted arithmetic of one example (conv/GEMM FLOPs plus other FLOPs).</param>
    /// <param name="calibrationFlopsPerCall">FLOPs of one call of the calibration kernel.</param>
    public static BatchResult From(
        int batch,
        IReadOnlyList<RoundTiming> rounds,
        long flopsPerImage,
        double calibrationFlopsPerCall,
        long? gpuMemoryBytes = null
    )
    {
        if (rounds.Count == 0)
            throw new ArgumentException("No rounds were measured.");
        var ips = rounds.Select(r => r.ModelCalls * (double)batch / r.ModelSeconds).ToArray();
        var calibrationGflops = rounds.Select(r => r.CalibrationCalls * calibrationFlopsPerCall / r.CalibrationSeconds / 1e9).ToArray();
        var normalized = ips.Zip(calibrationGflops, (i, c) => i / c).ToArray();
        var efficiency = ips.Zip(calibrationGflops, (i, c) => flopsPerImage * i / (c * 1e9)).ToArray();
        var imagesPerSec = SampleStatistics.Of(ips);
        return new BatchResult(
            batch,
            imagesPerSec,
            ips,
            calibrationGflops,
            SampleStatistics.Of(normalized),
            normalized,
            SampleStatistics.Of(efficiency).Median,
            flopsPerImage * imagesPerSec.Median / 1e9,
            rounds.Sum(r => (long)r.ModelCalls * batch),
            rounds.Sum(r => r.ModelSeconds),
            gpuMemoryBytes,
            null
        );
    }
}
