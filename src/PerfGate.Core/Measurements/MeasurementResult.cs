using PerfGate.Core.Flops;

namespace PerfGate.Core.Measurements;

/// <summary>
/// The schema-versioned result of `perfgate measure` for one model: what `perfgate check` compares.
/// <see cref="Flops"/>, <see cref="OtherFlops"/> and <see cref="Layers"/> are counted per image (a batch-1 forward pass).
/// </summary>
internal sealed record MeasurementResult(
    int SchemaVersion,
    string Model,
    DeviceFingerprint Fingerprint,
    long Flops,
    long OtherFlops,
    long Params,
    IReadOnlyList<LayerCount> Layers,
    string Calibration,
    IReadOnlyList<BatchResult> Batches,
    int? FlattensAtBatch,
    BuildInfo Build
)
{
    /// <summary>2: adds <see cref="Build"/>.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The input the counted pass ran on, at batch 1 (<see cref="Flops.ModelInput"/>); null in older results.</summary>
    public Flops.ModelInput? Input { get; init; }

    /// <summary>The memory the batch sizes had to fit (<see cref="MeasurePlan.MemoryBytes"/>, or the device's), and what it is;
    /// null in older results.</summary>
    public MemoryCapacity? Capacity { get; init; }

    public string ToJson() => Serialization.PerfGateJson.Serialize(this);

    /// <summary>The profile of the largest batch size that has one, the one reports show; null when nothing was profiled. A method: the
    /// result is serialized.</summary>
    public LayerProfile? LargestProfile() => Batches.LastOrDefault(b => b.Profile is not null)?.Profile;
}
