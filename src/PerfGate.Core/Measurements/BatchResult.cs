using PerfGate.Core.Statistics;

namespace PerfGate.Core.Measurements;

/// <summary>
/// One batch size of a measurement. Every per-round array has one entry per interleaved round: the model's
/// images/sec in that round, the calibration kernel's GFLOP/s measured right after it, and their ratio.
/// </summary>
internal sealed record BatchResult(
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
    string? Error,
    string? Skipped = null
)
{
    /// <summary>Where this batch size's time goes, layer by layer (information, never gated); null when not profiled.</summary>
    public LayerProfile? Profile { get; init; }

    /// <summary>The memory this batch size took (<see cref="MeasuredMemory"/>); null where it could not be read, or in older
    /// results.</summary>
    public MeasuredMemory? PeakMemory { get; init; }

    public int SampleCount => Samples.Length;

    /// <summary>Measured, with figures to judge: neither failed nor skipped.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasFigures => Error is null && Skipped is null;

    /// <summary>The batch ran and failed (e.g. out of memory): a regression where the baseline has figures.</summary>
    public static BatchResult Failed(int batch, string error) => new(batch, null, [], [], null, [], null, null, 0, 0, null, error);

    /// <summary>The time budget did not allow one round of this batch: nothing is known, so its verdict is inconclusive.</summary>
    public static BatchResult OverBudget(int batch, string reason) =>
        new(batch, null, [], [], null, [], null, null, 0, 0, null, null, reason);
}
