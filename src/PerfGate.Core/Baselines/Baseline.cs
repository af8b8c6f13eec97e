using PerfGate.Core.Measurements;

namespace PerfGate.Core.Baselines;

/// <summary>
/// An approved (or candidate) snapshot of one model on one device class: the counted metrics, compared exactly, and the
/// per-batch normalized throughput samples, compared statistically. Provenance says where it came from and is never compared.
/// </summary>
public sealed record Baseline(
    int SchemaVersion,
    string Model,
    string DeviceClass,
    Provenance Provenance,
    CountedMetrics Counted,
    IReadOnlyDictionary<int, ThroughputSnapshot> Throughput)
{
    public const int CurrentSchemaVersion = 1;

    public static Baseline From(MeasurementResult result, string perfGateVersion, string? commit) => new(
        CurrentSchemaVersion,
        result.Model,
        result.Fingerprint.Class,
        new Provenance(perfGateVersion, result.Fingerprint.TorchSharpVersion, result.Fingerprint.LibTorchVersion, result.Fingerprint.Processor,
            result.Fingerprint.Threads, result.Batches.Sum(b => b.SampleCount), result.Calibration, commit),
        CountedMetrics.From(result),
        result.Batches.Where(b => b.Error is null).ToDictionary(b => b.Batch, ThroughputSnapshot.From));
}
