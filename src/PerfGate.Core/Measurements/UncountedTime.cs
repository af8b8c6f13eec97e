namespace PerfGate.Core.Measurements;

/// <summary>
/// Time a forward pass spends outside every leaf layer: arithmetic written in a forward (<c>x + y</c>, <c>matmul</c>,
/// <c>softmax</c> on tensors), which no hook sees and so the counted gate never counts. Past <see cref="WarnShare"/> of the
/// plain pass it is said, naming what the counted gate does not see.
/// </summary>
internal static class UncountedTime
{
    /// <summary>
    /// 10%: models made of layers only spend far less outside them (the built-in AlexNet under 0.1%, a small user CNN 1.1–1.3% on
    /// Zen 5: the hooks' and the glue's own time), while a functional attention block (two matmuls and a softmax beside two
    /// Linear layers) spends about as much there as in its layers.
    /// </summary>
    public const double WarnShare = 0.10;

    /// <summary>The warning for <paramref name="profile"/>, or null when the time outside the layers is below <see
    /// cref="WarnShare"/>.</summary>
    public static string? Warning(string model, LayerProfile profile)
    {
        var outside = profile.Layers.FirstOrDefault(l => l.Layer == LayerProfile.OutsideLayers);
        if (outside is null || profile.Layers.Count < 2 || profile.UnprofiledSeconds <= 0)
            return null;
        var share = Share(outside.Seconds.Median, profile.ForwardSeconds.Median, profile.UnprofiledSeconds);
        if (share < WarnShare)
            return null;
        return $"warning: {model}, batch {profile.Batch}: {Numbers.Percent(share, signed: false)} of the forward pass runs outside "
            + $"its layers (arithmetic written in a forward: x + y, matmul, softmax): the counted gate does not see it, only throughput "
            + $"does. Put it in a module (with a rule, or ICountsOwnFlops) to have it counted.";
    }

    /// <summary>
    /// The time outside the layers as a share of the plain pass, after taking away all that the hooks added (the profiled pass
    /// against the plain one beside it): on a tiny model the hooks cost several times the pass (+187% for two Linear(64, 64) at
    /// batch 64 here), and that time shows outside the layers. Conservative: the hooks' time is taken to be all outside.
    /// </summary>
    public static double Share(double outsideSeconds, double profiledSeconds, double plainSeconds) =>
        Math.Max(0, outsideSeconds - Math.Max(0, profiledSeconds - plainSeconds)) / plainSeconds;
}
