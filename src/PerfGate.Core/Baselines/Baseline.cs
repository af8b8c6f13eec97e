using PerfGate.Core.Measurements;

namespace PerfGate.Core.Baselines;

/// <summary>
/// An approved (or candidate) throughput snapshot of one model on one device class: per batch size the normalized samples,
/// compared statistically, and the medians of every run that went into it, whose spread is this machine's between-run noise.
/// Counted metrics do not depend on the machine and live in the model's <see cref="CountsBaseline"/> instead.
/// Provenance says where it came from and is never compared.
/// </summary>
internal sealed record Baseline(
    int SchemaVersion,
    string Model,
    string DeviceClass,
    Provenance Provenance,
    IReadOnlyDictionary<int, ThroughputSnapshot> Throughput
)
{
    /// <summary>2: throughput only (1 held the counted metrics too; <c>perfgate migrate</c> splits it).</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>A candidate from one or more runs of the same model on the same device class (each run's medians are kept).</summary>
    public static Baseline From(IReadOnlyList<MeasurementResult> runs, string perfGateVersion, string? commit)
    {
        var last = runs[^1];
        var batches = runs.SelectMany(r => r.Batches).Where(b => b.HasFigures).GroupBy(b => b.Batch);
        return new(
            CurrentSchemaVersion,
            last.Model,
            last.Fingerprint.Class,
            new Provenance(
                perfGateVersion,
                last.Fingerprint.TorchSharpVersion,
                last.Fingerprint.LibTorchVersion,
                last.Fingerprint.Processor,
                last.Fingerprint.Threads,
                runs.Sum(r => r.Batches.Sum(b => b.SampleCount)),
                runs.Count,
                last.Calibration,
                last.Build,
                commit
            ),
            batches.ToDictionary(g => g.Key, g => ThroughputSnapshot.From(g.ToArray()))
        );
    }
}
