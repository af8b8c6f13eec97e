namespace PerfGate.Core.Measurements;

/// <summary>One layer's time, then against now: how much it grew (null for a layer that is new) and what part of the pass's added time it
/// explains.</summary>
internal sealed record LayerShift(string Layer, double BaselineSeconds, double CurrentSeconds, double? Change, double ShareOfAddedTime);

/// <summary>
/// Which layers a slowdown came from: each row of two per-layer profiles of the same batch size compared (the outside-layers
/// row included, so a residual add or an inserted op shows), ranked by the time they added. Information for the reader of a
/// verdict, never a verdict itself.
/// </summary>
internal static class ProfileAttribution
{
    /// <summary>
    /// The layers whose time grew, the largest first, each with its share of the time the pass gained (none when none grew).
    /// The baseline's times are first scaled to this run's machine speed by the calibration GEMM beside each profile (as
    /// throughput is normalized), so that a machine slower overall does not show as every layer slower.
    /// </summary>
    public static IReadOnlyList<LayerShift> Compare(LayerProfile baseline, LayerProfile current)
    {
        var speed =
            baseline.CalibrationGflops > 0 && current.CalibrationGflops > 0 ? baseline.CalibrationGflops / current.CalibrationGflops : 1;
        var before = baseline.Layers.ToDictionary(l => l.Layer, l => l.Seconds.Median * speed);
        return Shifts(current.Layers.Where(l => before.ContainsKey(l.Layer)).Select(l => (l.Layer, before[l.Layer], l.Seconds.Median)));
    }

    /// <summary>
    /// <see cref="Compare"/>, keeping only the rows whose growth lies beyond their own noise: the row's 95% interval now lies
    /// wholly above its interval then (scaled like the medians). A message that names a layer is a claim; unchanged code read
    /// "classifier.4 +63.5%" from two profiles' noise before this.
    /// </summary>
    public static IReadOnlyList<LayerShift> Significant(LayerProfile baseline, LayerProfile current)
    {
        var speed =
            baseline.CalibrationGflops > 0 && current.CalibrationGflops > 0 ? baseline.CalibrationGflops / current.CalibrationGflops : 1;
        var before = baseline.Layers.ToDictionary(l => l.Layer, l => l.Seconds.CiHigh * speed);
        var grew = current
            .Layers.Where(l => before.TryGetValue(l.Layer, out var high) && l.Seconds.CiLow > high)
            .Select(l => l.Layer)
            .ToHashSet();
        return Compare(baseline, current).Where(s => grew.Contains(s.Layer)).ToArray();
    }

    /// <summary>From each row's time then and now: the rows whose time grew, the largest first, each with its share of the added
    /// time.</summary>
    public static IReadOnlyList<LayerShift> Shifts(IEnumerable<(string Layer, double Before, double Now)> rows)
    {
        var all = rows.ToArray();
        var added = all.Sum(r => Math.Max(r.Now - r.Before, 0));
        if (added <= 0)
            return [];
        return all.Where(r => r.Now > r.Before)
            .Select(r => new LayerShift(r.Layer, r.Before, r.Now, r.Before > 0 ? r.Now / r.Before - 1 : null, (r.Now - r.Before) / added))
            .OrderByDescending(s => s.ShareOfAddedTime)
            .ToArray();
    }

    /// <summary>"where the time grew: conv2 +14% (71% of the added time), outside layers +3% (10%)": the rows that explain 80%, at most
    /// three.</summary>
    public static string Describe(IReadOnlyList<LayerShift> shifts)
    {
        if (shifts.Count == 0)
            return "no layer's time grew against the baseline's profile";
        var named = new List<LayerShift>();
        foreach (var s in shifts)
        {
            named.Add(s);
            if (named.Count == 3 || named.Sum(n => n.ShareOfAddedTime) >= 0.8)
                break;
        }
        return "where the time grew: "
            + string.Join(
                ", ",
                named.Select(
                    (s, i) =>
                        $"{(s.Layer == LayerProfile.OutsideLayers ? "outside layers" : s.Layer)} "
                        + $"{(s.Change is { } change ? Numbers.Percent(change) : "new")} "
                        + $"({Numbers.Percent(s.ShareOfAddedTime, signed: false)}{(i == 0 ? " of the added time" : "")})"
                )
            );
    }
}
