namespace PerfGate.Core.Slope;

/// <summary>
/// The two-point slope between two stack depths: what each added layer added, divided by what it should add
/// (1.000000 when the counter is right), and the marginal time per layer as achieved GFLOP/s.
/// </summary>
public sealed record SlopeSegment(
    int FromLayers,
    int ToLayers,
    double ParamsSlope,
    double FlopsSlope,
    double OtherFlopsSlope,
    double ParamsRatio,
    double FlopsRatio,
    double OtherFlopsRatio,
    double SecondsPerLayer,
    double? AchievedGflops);
