using PerfGate.Core.Baselines;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Gate;

/// <summary>
/// The measured peak memory of each batch size against the approved snapshot's: a batch whose memory grew beyond its
/// tolerance (<see cref="Tolerance.PeakMemoryGrowth"/>) and by at least <see cref="FloorBytes"/> fails (PG1013), naming both
/// figures and what they are; otherwise one finding lists every batch's figures (PG1014). Less memory is never a finding of
/// its own. A snapshot approved before memory was measured, or a figure of another kind (CPU against GPU), is not compared.
/// </summary>
public static class MemoryComparer
{
    /// <summary>Growth below this many bytes is never a regression: allocator granularity, not the model.</summary>
    public const long FloorBytes = 1024 * 1024;

    public static IEnumerable<Finding> Compare(
        string model,
        IReadOnlyDictionary<int, ThroughputSnapshot> approved,
        IReadOnlyList<BatchResult> measured,
        Func<int, Tolerance> tolerance,
        string? file,
        Func<int, int> line
    )
    {
        var pairs = measured
            .Where(b => b.PeakMemory is not null && approved.TryGetValue(b.Batch, out var s) && s.PeakMemory?.Source == b.PeakMemory.Source)
            .Select(b => (b.Batch, Approved: approved[b.Batch].PeakMemory!.Bytes, Now: b.PeakMemory!.Bytes, b.PeakMemory.Source))
            .OrderBy(p => p.Batch)
            .ToArray();
        if (pairs.Length == 0)
            yield break;
        var grown = pairs
            .Where(p =>
                p.Now - p.Approved >= FloorBytes && (double)p.Now / Math.Max(p.Approved, 1) - 1 > tolerance(p.Batch).PeakMemoryGrowth
            )
            .ToArray();
        foreach (var p in grown)
            yield return new Finding(
                FindingCodes.MemoryGrew,
                Verdict.Fail,
                model,
                $"batch {p.Batch}: peak memory",
                p.Approved,
                p.Now,
                Change(p.Approved, p.Now),
                tolerance(p.Batch).PeakMemoryGrowth,
                null,
                $"batch {p.Batch}: peak memory {Numbers.Size(p.Approved)} → {Numbers.Size(p.Now)} "
                    + $"({Numbers.Percent(Change(p.Approved, p.Now))}), beyond the "
                    + $"+{Numbers.Percent(tolerance(p.Batch).PeakMemoryGrowth, signed: false)} tolerance ({p.Source}). The counted memory "
                    + "says which layer's activations grew, when one did.",
                file,
                line(p.Batch)
            )
            {
                Batch = p.Batch,
                ProposesBaseline = true,
            };
        if (grown.Length == 0)
            yield return new Finding(
                FindingCodes.MemoryWithin,
                Verdict.Pass,
                model,
                "peak memory",
                null,
                null,
                null,
                null,
                null,
                "peak memory within tolerance: "
                    + string.Join(", ", pairs.Select(p => $"batch {p.Batch} {Numbers.Size(p.Approved)} → {Numbers.Size(p.Now)}"))
                    + $" ({pairs[0].Source}).",
                file
            );
    }

    private static double Change(long approved, long now) => (double)now / Math.Max(approved, 1) - 1;
}
