using PerfGate.Core.Baselines;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Gate;

/// <summary>
/// The measured peak memory of each batch size against a reference: the approved snapshot's (the stored gate) or base's
/// (A/B, the median over the launches on each side). A batch whose memory grew beyond its tolerance
/// (<see cref="Tolerance.PeakMemoryGrowth"/>) and by at least <see cref="FloorBytes"/> fails (PG1013), naming both figures and
/// what they are; otherwise one finding lists every batch's figures (PG1014). Less memory is never a finding of its own. A
/// snapshot approved before memory was measured, or a figure of another kind (CPU against GPU), is not compared.
/// </summary>
internal static class MemoryComparer
{
    /// <summary>Growth below this many bytes is never a regression: libtorch's one-off allocations, not the model. Over 10 unchanged
    /// runs beside a neighbour one run of AlexNet at batch 1 read 10.0 MiB where the others read 5.8–6.3 (tests/benchmarks/
    /// memory-spread.sh); growth that small is the counted gate's to judge, exactly.</summary>
    public const long FloorBytes = 8 * 1024 * 1024;

    /// <summary>One batch size's two figures: the reference's (approved or base) and this build's.</summary>
    public sealed record Pair(int Batch, long Before, long Now, string Source);

    /// <summary>The stored gate: this run against the approved snapshot.</summary>
    public static IEnumerable<Finding> Compare(
        string model,
        IReadOnlyDictionary<int, ThroughputSnapshot> approved,
        IReadOnlyList<BatchResult> measured,
        Func<int, Tolerance> tolerance,
        string? file,
        Func<int, int> line
    ) =>
        Judge(
            model,
            measured
                .Where(b => b.PeakMemory is not null && approved.GetValueOrDefault(b.Batch)?.PeakMemory?.Source == b.PeakMemory.Source)
                .Select(b => new Pair(b.Batch, approved[b.Batch].PeakMemory!.Bytes, b.PeakMemory!.Bytes, b.PeakMemory.Source))
                .ToArray(),
            tolerance,
            "",
            file,
            line
        );

    /// <summary>
    /// A/B: head against base at each batch size, the median over the launches where both sides measured it (each launch is a
    /// fresh pair of processes).
    /// </summary>
    public static IEnumerable<Finding> AgainstBase(
        string model,
        IReadOnlyList<int> batches,
        Func<int, IReadOnlyList<(long? Base, long? Head)>> launches,
        Func<int, Tolerance> tolerance,
        string baseName
    ) =>
        Judge(
            model,
            batches
                .Select(b => (Batch: b, Both: launches(b).Where(l => l.Base is not null && l.Head is not null).ToArray()))
                .Where(b => b.Both.Length > 0)
                .Select(b => new Pair(
                    b.Batch,
                    Median(b.Both.Select(l => l.Base!.Value)),
                    Median(b.Both.Select(l => l.Head!.Value)),
                    MeasuredMemory.CpuPeakRise
                ))
                .ToArray(),
            tolerance,
            $", head against {baseName}",
            null,
            _ => 0
        );

    private static IEnumerable<Finding> Judge(
        string model,
        IReadOnlyList<Pair> pairs,
        Func<int, Tolerance> tolerance,
        string against,
        string? file,
        Func<int, int> line
    )
    {
        if (pairs.Count == 0)
            yield break;
        var grown = pairs
            .OrderBy(p => p.Batch)
            .Where(p => p.Now - p.Before >= FloorBytes && Change(p) > tolerance(p.Batch).PeakMemoryGrowth)
            .ToArray();
        foreach (var p in grown)
            yield return new Finding(
                FindingCodes.MemoryGrew,
                Verdict.Fail,
                model,
                $"batch {p.Batch}: peak memory{against}",
                p.Before,
                p.Now,
                Change(p),
                tolerance(p.Batch).PeakMemoryGrowth,
                null,
                $"batch {p.Batch}: peak memory{against} {Numbers.Size(p.Before)} → {Numbers.Size(p.Now)} ({Numbers.Percent(Change(p))}), "
                    + $"beyond the +{Numbers.Percent(tolerance(p.Batch).PeakMemoryGrowth, signed: false)} tolerance ({p.Source}). The "
                    + "counted memory says which layer's activations grew, when one did.",
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
                $"peak memory{against}",
                null,
                null,
                null,
                null,
                null,
                $"peak memory{against} within tolerance: "
                    + string.Join(
                        ", ",
                        pairs.OrderBy(p => p.Batch).Select(p => $"batch {p.Batch} {Numbers.Size(p.Before)} → {Numbers.Size(p.Now)}")
                    )
                    + $" ({pairs[0].Source}).",
                file
            );
    }

    private static double Change(Pair p) => (double)p.Now / Math.Max(p.Before, 1) - 1;

    private static long Median(IEnumerable<long> bytes) => MeasuredMemory.Median(bytes, MeasuredMemory.CpuPeakRise)!.Bytes;
}
