using PerfGate.Core.Flops;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Measurements;

/// <summary>
/// One profiled forward pass: its whole time and each leaf layer's time (summed when a layer runs twice), under the names of
/// the counts file. Measured in profile rounds apart from the throughput rounds (hooks and timers never touch those).
/// </summary>
internal sealed record ProfileRound(double ForwardSeconds, IReadOnlyDictionary<string, double> LayerSeconds)
{
    /// <summary>The pass's time outside every leaf layer (a parent's own arithmetic). A method: the round is serialized.</summary>
    public double OutsideSeconds() => ForwardSeconds - LayerSeconds.Values.Sum();
}

/// <summary>
/// One row of the per-layer time profile: the layer's median time per batch with its 95% CI, its share of the forward pass,
/// and, where its arithmetic is counted, achieved GFLOP/s and efficiency against the calibration GEMM (the talk's kernel table
/// joined with the FLOP table). <see cref="LayerProfile.OutsideLayers"/> is the row of the time no leaf layer accounts for.
/// </summary>
internal sealed record LayerTime(string Layer, string Kind, Estimate Seconds, double Share, double? AchievedGflops, double? Efficiency);

/// <summary>
/// Where the time of one batch size goes. <see cref="ForwardSeconds"/> is the profiled pass (with the hooks' own cost);
/// <see cref="UnprofiledSeconds"/> the plain pass of the throughput rounds beside it, so that the profile's cost is visible.
/// </summary>
internal sealed record LayerProfile(
    int Batch,
    int Rounds,
    Estimate ForwardSeconds,
    double UnprofiledSeconds,
    IReadOnlyList<LayerTime> Layers
)
{
    /// <summary>The calibration GEMM's GFLOP/s beside the profile rounds: how fast the machine was (0 when not known).</summary>
    public double CalibrationGflops { get; init; }

    /// <summary>The row for time outside every leaf layer: a parent's own arithmetic (a residual add), an op inserted in a
    /// forward.</summary>
    public const string OutsideLayers = "(outside layers)";

    /// <param name="layers">The counted layers of one example (batch 1), in forward order: names, kinds and FLOPs.</param>
    /// <param name="calibrationGflops">The calibration GEMM's GFLOP/s in the throughput rounds of this batch size.</param>
    /// <param name="unprofiledSeconds">One plain forward pass of this batch size, from the throughput rounds.</param>
    public static LayerProfile From(
        int batch,
        IReadOnlyList<ProfileRound> rounds,
        IReadOnlyList<LayerCount> layers,
        double calibrationGflops,
        double unprofiledSeconds
    )
    {
        if (rounds.Count == 0)
            throw new ArgumentException("No profile rounds were measured.", nameof(rounds));
        var names = layers.Select(l => l.Name).Distinct().Where(n => rounds[0].LayerSeconds.ContainsKey(n)).ToArray();
        var medians = names.Select(n => SampleStatistics.Of(rounds.Select(r => r.LayerSeconds[n]).ToArray())).ToList();
        var outside = SampleStatistics.Of(rounds.Select(r => r.OutsideSeconds()).ToArray());
        // shares stay numbers when nothing took time
        var total = Math.Max(medians.Sum(m => m.Median) + Math.Max(outside.Median, 0), double.Epsilon);
        var rows = names
            .Select(
                (name, i) =>
                {
                    // fc, fc#2: one layer called twice
                    var counted = layers.Where(l => l.Name == name || l.Name.StartsWith(name + "#", StringComparison.Ordinal)).ToArray();
                    double? flops = counted.All(l => l.Flops is not null)
                        ? counted.Sum(l => (double)l.Flops!.Value + (l.OtherFlops ?? 0)) * batch
                        : null;
                    var achieved = flops is > 0 && medians[i].Median > 0 ? flops / medians[i].Median / 1e9 : null;
                    return new LayerTime(
                        name,
                        counted[0].Kind,
                        medians[i],
                        medians[i].Median / total,
                        achieved,
                        achieved / calibrationGflops
                    );
                }
            )
            .ToList();
        rows.Add(new LayerTime(OutsideLayers, "", outside, Math.Max(outside.Median, 0) / total, null, null));
        return new LayerProfile(
            batch,
            rounds.Count,
            SampleStatistics.Of(rounds.Select(r => r.ForwardSeconds).ToArray()),
            unprofiledSeconds,
            rows
        )
        {
            CalibrationGflops = calibrationGflops,
        };
    }
}
