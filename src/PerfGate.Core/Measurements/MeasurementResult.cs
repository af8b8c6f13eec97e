namespace PerfGate.Core.Measurements;

/// <summary>The schema-versioned result of `perfgate measure` for one model: what `perfgate check` compares.</summary>
public sealed record MeasurementResult(
    int SchemaVersion,
    string Model,
    DeviceFingerprint Fingerprint,
    long Flops,
    long OtherFlops,
    long Params,
    string Calibration,
    IReadOnlyList<BatchResult> Batches,
    int? FlattensAtBatch)
{
    public const int CurrentSchemaVersion = 1;
}
