namespace PerfGate.Core.Baselines;

/// <summary>Where a baseline came from; never compared, and free of host names, paths and timestamps.</summary>
public sealed record Provenance(
    string PerfGateVersion,
    string TorchSharpVersion,
    string LibTorchVersion,
    string Processor,
    int Threads,
    int SampleCount,
    string Calibration,
    string? Commit);
