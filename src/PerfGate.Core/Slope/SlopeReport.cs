namespace PerfGate.Core.Slope;

/// <summary>The slope check of the talk: points at 1, 2, 4 layers and the two-point slopes between them.</summary>
public sealed record SlopeReport(string Model, int Batch, int Threads, SlopeExpectation Expected, IReadOnlyList<SlopePoint> Points, IReadOnlyList<SlopeSegment> Segments)
{
    public static SlopeReport Analyze(string model, int batch, int threads, SlopeExpectation expected, IReadOnlyList<SlopePoint> points)
    {
        if (points.Count < 2) throw new ArgumentException("The slope check needs at least two stack depths.");
        var ordered = points.OrderBy(p => p.Layers).ToArray();
        var segments = ordered.Zip(ordered.Skip(1), (a, b) => Segment(a, b, expected, batch)).ToArray();
        return new SlopeReport(model, batch, threads, expected, ordered, segments);
    }

    private static SlopeSegment Segment(SlopePoint a, SlopePoint b, SlopeExpectation expected, int batch)
    {
        double added = b.Layers - a.Layers;
        if (added <= 0) throw new ArgumentException($"Two points with {a.Layers} layers.");
        var paramsSlope = (b.Params - a.Params) / added;
        var flopsSlope = (b.Flops - a.Flops) / added;
        var otherSlope = (b.OtherFlops - a.OtherFlops) / added;
        var secondsPerLayer = (b.SecondsPerBatch - a.SecondsPerBatch) / added;
        double? gflops = secondsPerLayer > 0 ? flopsSlope * batch / secondsPerLayer / 1e9 : null;
        return new SlopeSegment(a.Layers, b.Layers, paramsSlope, flopsSlope, otherSlope,
            paramsSlope / expected.Params, flopsSlope / expected.Flops, otherSlope / expected.OtherFlops, secondsPerLayer, gflops);
    }
}
