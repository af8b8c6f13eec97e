using PerfGate.Core.Statistics;

namespace PerfGate.Core.Measurements;

/// <summary>Where images/sec stops growing with batch size: the smallest batch within a tolerance of the best.</summary>
internal static class Flattening
{
    public const double DefaultTolerance = 0.05;

    public static int? Find(IEnumerable<(int Batch, Estimate? ImagesPerSec)> points, double tolerance = DefaultTolerance)
    {
        var measured = points.Where(p => p.ImagesPerSec is not null).OrderBy(p => p.Batch).ToArray();
        if (measured.Length == 0)
            return null;
        var best = measured.Max(p => p.ImagesPerSec!.Median);
        return measured.First(p => p.ImagesPerSec!.Median >= (1 - tolerance) * best).Batch;
    }
}
