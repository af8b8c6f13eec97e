using PerfGate.Core.Statistics;

namespace PerfGate.Core.Slope;

/// <summary>
/// The two-point slope between two stack depths: what each added layer added, divided by what it should add
/// (1.000000 when the counter is right), and the marginal time per added layer (median of the per-round differences, with
/// its 95% confidence interval) as achieved GFLOP/s; null GFLOP/s when the added layers took no measurable time.
/// </summary>
internal sealed record SlopeSegment(
    int FromLayers,
    int ToLayers,
    double ParamsSlope,
    double FlopsSlope,
    double OtherFlopsSlope,
    double ParamsRatio,
    double FlopsRatio,
    double OtherFlopsRatio,
    Estimate SecondsPerLayer,
    Estimate? AchievedGflops
);
