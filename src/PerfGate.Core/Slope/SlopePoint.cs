namespace PerfGate.Core.Slope;

/// <summary>One run of the N-layer stack: counted totals per example and the measured seconds per batch.</summary>
public sealed record SlopePoint(int Layers, long Params, long Flops, long OtherFlops, double SecondsPerBatch);
