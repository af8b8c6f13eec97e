using PerfGate.Core.Baselines;

namespace PerfGate.Core.Gate;

/// <summary>
/// Counted metrics are exact and machine-independent: any difference, up or down, fails until a reviewer approves it (a model
/// that got cheaper still needs approval). One finding per changed layer, on that layer's line of the counts file, with every
/// metric of it that changed (flops first), e.g. <c>conv2: flops 447,897,600 → 597,196,800 (+33.3%), params 307,392 → 409,856
/// (+33.3%), output shape 1x192x13x13 → 1x256x13x13</c>; and one for the totals. A reviewer reads one line per layer.
/// </summary>
internal static class CountedComparer
{
    public static IEnumerable<Finding> Compare(string model, CountedMetrics baseline, CountedMetrics current, string? file, string? text)
    {
        var changes = Changes(model, baseline, current, file, text).ToArray();
        return changes.Length > 0
            ? changes
            :
            [
                new Finding(
                    FindingCodes.CountedUnchanged,
                    Verdict.Pass,
                    model,
                    "counted metrics",
                    current.Flops,
                    current.Flops,
                    0,
                    0,
                    null,
                    $"kind, shapes, params, MACs, flops, otherFlops and bytes of all {current.Layers.Count} layers are exactly as "
                        + "approved.",
                    file
                ),
            ];
    }

    private static IEnumerable<Finding> Changes(string model, CountedMetrics baseline, CountedMetrics current, string? file, string? text)
    {
        var totals = Differences(
            [
                ("flops", baseline.Flops, current.Flops),
                ("params", baseline.Params, current.Params),
                ("otherFlops", baseline.OtherFlops, current.OtherFlops),
                ("peakActivationBytes", baseline.PeakActivationBytes, Approved(baseline.PeakActivationBytes, current.PeakActivationBytes)),
                ("paramBytes", baseline.ParamBytes, Approved(baseline.ParamBytes, current.ParamBytes)),
            ],
            []
        );
        if (totals.Count > 0)
            yield return Grouped(model, "total", totals, file, text is null ? 0 : CountedLines.Total(text, totals[0].Metric));
        if (baseline.Input is { } approvedInput && current.Input is { } input && !approvedInput.Same(input))
            yield return Layer(
                model,
                "input",
                $"input: the model was counted on {input}, approved on {approvedInput}",
                file,
                text is null ? 0 : CountedLines.Total(text, "input")
            );

        foreach (var name in baseline.Layers.Keys.Union(current.Layers.Keys).Order(StringComparer.Ordinal))
        {
            var hasOld = baseline.Layers.TryGetValue(name, out var old);
            var hasNew = current.Layers.TryGetValue(name, out var now);
            var line =
                text is null ? 0
                : hasOld ? CountedLines.Layer(text, name)
                : CountedLines.Total(text, "layers");
            if (!hasNew)
                yield return Layer(
                    model,
                    name,
                    $"{name}: layer removed (was {Numbers.Count(old!.Flops)} flops, {Numbers.Count(old.Params)} params)",
                    file,
                    line
                );
            else if (!hasOld)
                yield return Layer(
                    model,
                    name,
                    $"{name}: layer added ({Numbers.Count(now!.Flops)} flops, {Numbers.Count(now.Params)} params)",
                    file,
                    line
                );
            else
            {
                // A migrated first-layout baseline recorded no kind, shapes or MACs (null): nothing to compare there.
                var numbers = Differences(
                    [
                        ("flops", old!.Flops, now!.Flops),
                        ("macs", old.Macs, old.Macs is null ? null : now.Macs),
                        ("params", old.Params, now.Params),
                        ("otherFlops", old.OtherFlops, now.OtherFlops),
                        ("outputBytes", old.OutputBytes, Approved(old.OutputBytes, now.OutputBytes)),
                        ("paramBytes", old.ParamBytes, Approved(old.ParamBytes, now.ParamBytes)),
                    ],
                    [
                        ("kind", old.Kind, now.Kind),
                        ("input shape", Shape(old.InputShape), Shape(now.InputShape)),
                        ("output shape", Shape(old.OutputShape), Shape(now.OutputShape)),
                    ]
                );
                if (numbers.Count > 0)
                    yield return Grouped(model, name, numbers, file, line);
            }
        }
    }

    /// <summary>One changed metric of a layer (or of the totals): its counts and relative change when it has them, and its text.</summary>
    private sealed record Difference(string Metric, long? Baseline, long? Current, double? Delta, string Text);

    private static List<Difference> Differences(
        (string Metric, long? Old, long? New)[] counts,
        (string What, string? Old, string? New)[] descriptions
    )
    {
        var differences = new List<Difference>();
        foreach (var (metric, b, c) in counts.Where(x => x.Old != x.New))
        {
            double? delta = b is > 0 && c is not null ? (double)(c - b) / b.Value : null;
            differences.Add(
                new(
                    metric,
                    b,
                    c,
                    delta,
                    $"{metric} {Numbers.Count(b)} → {Numbers.Count(c)}{(delta is { } d ? $" ({Numbers.Percent(d)})" : "")}"
                )
            );
        }
        foreach (var (what, b, c) in descriptions.Where(x => x.Old is not null && x.Old != x.New))
            differences.Add(new(what, null, null, null, $"{what} {b} → {c}"));
        return differences;
    }

    /// <summary>The current figure where the baseline has one; null (nothing to compare) where it was approved before the figure
    /// was counted.</summary>
    private static long? Approved(long? baseline, long? current) => baseline is null ? null : current;

    private static string? Shape(long[]? shape) => shape is null ? null : LayerMetrics.Shape(shape);

    private static Finding Layer(string model, string name, string message, string? file, int line) =>
        new(FindingCodes.CountedChanged, Verdict.Fail, model, name, null, null, null, 0, null, message, file, line)
        {
            ProposesBaseline = true,
        };

    /// <summary>One finding for every change of one layer (or of the totals); its figures are those of the first count that
    /// changed.</summary>
    private static Finding Grouped(string model, string name, IReadOnlyList<Difference> differences, string? file, int line)
    {
        var headline = differences.FirstOrDefault(d => d.Baseline is not null || d.Current is not null);
        return new Finding(
            FindingCodes.CountedChanged,
            Verdict.Fail,
            model,
            name,
            headline?.Baseline,
            headline?.Current,
            headline?.Delta,
            0,
            null,
            $"{name}: {string.Join(", ", differences.Select(d => d.Text))}",
            file,
            line
        )
        {
            ProposesBaseline = true,
        };
    }
}
