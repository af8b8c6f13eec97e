using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Against;

/// <summary>
/// Which layers made head slower than base: per layer (and outside the layers) the profile pairs' ln(head ÷ base), judged
/// like the verdict at the level of launches (<see cref="LaunchEstimate"/>: one figure per launch, Student's t over them),
/// then ranked by the time each added (<see cref="ProfileAttribution"/>).
/// </summary>
internal static class LaunchAttribution
{
    /// <param name="launches">One batch size in every launch, in launch order.</param>
    public static IReadOnlyList<LayerRatio> Ratios(IReadOnlyList<PairedBatch> launches)
    {
        var profiled = launches.Where(l => l.BaseProfile.Count > 0 && l.HeadProfile.Count > 0).ToArray();
        if (profiled.Length == 0)
            return [];
        var baseRounds = profiled.SelectMany(l => l.BaseProfile).ToArray();
        var headRounds = profiled.SelectMany(l => l.HeadProfile).ToArray();
        var names = baseRounds
            .Concat(headRounds)
            .SelectMany(r => r.LayerSeconds.Keys)
            .Distinct()
            .Append(LayerProfile.OutsideLayers)
            .ToArray();
        return names
            .Select(name =>
            {
                double Time(ProfileRound r) =>
                    name == LayerProfile.OutsideLayers ? Math.Max(r.OutsideSeconds(), 1e-9) : r.LayerSeconds.GetValueOrDefault(name);
                var before = SampleStatistics.Of(baseRounds.Select(Time).ToArray()).Median;
                var estimate = LaunchEstimate.Of(
                    profiled
                        .Select(l =>
                            l.BaseProfile.Zip(l.HeadProfile, (b, h) => (Base: Time(b), Head: Time(h)))
                                .Where(p => p.Base > 0 && p.Head > 0)
                                .Select(p => Math.Log(p.Head / p.Base))
                                .ToArray()
                        )
                        .ToArray()
                );
                if (before <= 0 || estimate is null)
                {
                    var own = SampleStatistics.Of(headRounds.Select(Time).ToArray()).Median;
                    return new LayerRatio(name, before, own, null, null);
                }
                return new LayerRatio(name, before, before * Math.Exp(estimate.Mean), Math.Exp(estimate.CiLow), Math.Exp(estimate.CiHigh));
            })
            .ToArray();
    }

    /// <summary>The layers whose time grew, the largest first, each with its share of the time head added.</summary>
    public static IReadOnlyList<LayerShift> Shifts(IReadOnlyList<LayerRatio> ratios) =>
        ProfileAttribution.Shifts(ratios.Select(r => (r.Layer, r.BaseSeconds, r.HeadSeconds)));

    /// <summary>
    /// A regression (head slower, on the verdict's evidence) names the layers whose time grew, head against base, each only when
    /// its own launch-level interval lies wholly above 1 (or the layer is new in head): a batch size's finding from its own
    /// profile pairs, the pooled one from the largest batch size that was profiled. Nothing else names a layer: an A/B run whose
    /// head was faster read "where the time grew: pool1 +17.6%, fc1 +88.3%" for layers nobody touched before this.
    /// </summary>
    public static Finding Attributed(Finding finding, IReadOnlyList<int> batches, IReadOnlyList<IReadOnlyList<PairedBatch>> launches)
    {
        if (finding.Verdict is not Verdict.Fail || finding.Delta is not < 0)
            return finding;
        var ratios = (finding.Batch is { } one ? [one] : batches.Reverse())
            .Select(b => (Batch: b, Ratios: Ratios(PairedBatch.InEach(b, launches))))
            .FirstOrDefault(r => r.Ratios.Count > 0);
        if (ratios.Ratios is null)
            return finding;
        var grew = ratios.Ratios.Where(r => r.CiLow > 1 || (r.BaseSeconds <= 0 && r.HeadSeconds > 0)).Select(r => r.Layer).ToHashSet();
        var shifts = Shifts(ratios.Ratios).Where(s => grew.Contains(s.Layer)).ToArray();
        if (shifts.Length == 0)
            return finding;
        var said = ProfileAttribution.Describe(shifts).Replace("against the baseline's profile", "against base");
        return finding with { Message = $"{finding.Message} At batch {ratios.Batch}, {said}.", Attribution = shifts };
    }
}
