using PerfGate.Core.Measurements;

namespace PerfGate.Core.Text;

/// <summary>The per-layer time profile as a table: the talk's kernel table (time, share, GFLOP/s) joined with the FLOP table.</summary>
internal static class ProfileText
{
    public static string Render(string model, LayerProfile profile)
    {
        var table = new TextTable("layer", "kind", "ms per batch", "95% CI", "share", "GFLOP/s", "vs GEMM");
        foreach (var l in profile.Layers)
            table.Add(Cells(l, ".."));
        var uncounted = UncountedTime.Warning(model, profile);
        return $"{Heading(model, profile)}\n{table}\n" + (uncounted is null ? "" : uncounted + "\n");
    }

    /// <summary>
    /// One row, as every profile table shows it: layer, kind, ms per batch, the 95% CI (its bounds joined by
    /// <paramref name="intervalSeparator"/>; no cell when null), share, GFLOP/s and efficiency against the calibration GEMM.
    /// </summary>
    public static string[] Cells(LayerTime l, string? intervalSeparator) =>
        [
            l.Layer,
            l.Kind,
            Numbers.Fixed(l.Seconds.Median * 1e3, 3),
            .. intervalSeparator is null
                ? Array.Empty<string>()
                : [$"{Numbers.Fixed(l.Seconds.CiLow * 1e3, 3)}{intervalSeparator}{Numbers.Fixed(l.Seconds.CiHigh * 1e3, 3)}"],
            Numbers.Percent(l.Share, signed: false),
            l.AchievedGflops is { } g ? Numbers.Fixed(g, 2) : "",
            l.Efficiency is { } e ? Numbers.Percent(e, signed: false) : "",
        ];

    /// <summary>One line: the batch size, the profiled pass against the plain one beside it (the profile's own cost), the rounds.</summary>
    public static string Heading(string model, LayerProfile profile) =>
        $"{model}, batch {profile.Batch}: where the time goes ({profile.Rounds} profile rounds; profiled forward pass "
        + $"{Numbers.Fixed(profile.ForwardSeconds.Median * 1e3, 3)} ms, "
        + $"plain {Numbers.Fixed(profile.UnprofiledSeconds * 1e3, 3)} ms beside it: the hooks cost "
        + $"{Numbers.Percent(profile.ForwardSeconds.Median / profile.UnprofiledSeconds - 1)})";
}
