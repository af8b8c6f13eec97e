using PerfGate.Core.Measurements;

namespace PerfGate.Core.Baselines;

/// <summary>Where a baseline came from; never compared, and free of host names, paths and timestamps.</summary>
/// <param name="Runs">How many independent measuring runs were merged into the baseline.</param>
/// <param name="Build">The build configuration of the measuring tool and of the measured assembly (only Release is gated).</param>
internal sealed record Provenance(
    string PerfGateVersion,
    string TorchSharpVersion,
    string LibTorchVersion,
    string Processor,
    int Threads,
    int SampleCount,
    int Runs,
    string Calibration,
    BuildInfo Build,
    string? Commit
);
