using PerfGate.Core.Statistics;

namespace PerfGate.Core.Slope;

/// <summary>The slope check of the talk: points at 1, 2, 4 layers and the two-point slopes between them.</summary>
internal sealed record SlopeReport(
    string Model,
    int Batch,
    int Threads,
    SlopeExpectation Expected,
    IReadOnlyList<SlopePoint> Points,
    IReadOnlyList<SlopeSegment> Segments
)
{
    public static SlopeReport Analyze(string model, int batch, int threads, SlopeExpectation expected, IReadOnlyList<SlopePoint> points)
    {
        if (points.Count < 2)
            throw new ArgumentException("The slope check needs at least two stack depths.");
        var ordered = points.OrderBy(p => p.Layers).ToArray();
        var segments = ordered.Zip(ordered.Skip(1), (a, b) => Segment(a, b, expected, batch)).ToArray();
        return new SlopeReport(model, batch, threads, expected, ordered, segments);
    }

    private static SlopeSegment Segment(SlopePoint a, SlopePoint b, SlopeExpectation expected, int batch)
    {
        double added = b.Layers - a.Layers;
        if (added <= 0)
            throw new ArgumentException($"Two points with {a.Layers} layers.");
        var paramsSlope = (b.Params - a.Params) / added;
        var flopsSlope = (b.Flops - a.Flops) / added;
        var otherSlope = (b.OtherFlops - a.OtherFlops) / added;
        if (a.RoundSeconds.Length != b.RoundSeconds.Length || a.RoundSeconds.Length == 0)
            throw new ArgumentException($"The {a.Layers}- and {b.Layers}-layer points need the same, non-zero number of rounds.");
        var secondsPerLayer = SampleStatistics.Of(a.RoundSeconds.Zip(b.RoundSeconds, (x, y) => (y - x) / added).ToArray());
        var gflops = Gflops(flopsSlope * batch, secondsPerLayer);
        return new SlopeSegment(
            a.Layers,
            b.Layers,
            paramsSlope,
            flopsSlope,
            otherSlope,
            paramsSlope / expected.Params,
            flopsSlope / expected.Flops,
            otherSlope / expected.OtherFlops,
            secondsPerLayer,
            gflops
        );
    }

    /// <summary>
    /// FLOPs ÷ seconds; the interval's ends swap (more seconds, fewer GFLOP/s). No figure when the time's interval reaches
    /// zero: the added layers then took no measurable time, and any GFLOP/s would be noise.
    /// </summary>
    private static Estimate? Gflops(double flops, Estimate seconds) =>
        seconds.CiLow > 0 ? new Estimate(flops / seconds.Median / 1e9, flops / seconds.CiHigh / 1e9, flops / seconds.CiLow / 1e9) : null;
}
