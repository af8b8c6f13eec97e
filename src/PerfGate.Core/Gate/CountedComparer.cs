using PerfGate.Core.Baselines;
using PerfGate.Core.Reports;

namespace PerfGate.Core.Gate;

/// <summary>
/// Counted metrics are exact and machine-independent: any difference, up or down, fails until a reviewer approves it (a model
/// that got cheaper still needs approval). Messages name the layer and the delta, e.g.
/// <c>conv2: flops 447,897,600 → 597,196,800 (+33.3%)</c>, and point at the metric's line in the counts file.
/// </summary>
public static class CountedComparer
{
    public static IEnumerable<Finding> Compare(string model, CountedMetrics baseline, CountedMetrics current, string? file, string? text)
    {
        var changes = Changes(model, baseline, current, file, text).ToArray();
        return changes.Length > 0 ? changes :
        [
            new Finding(FindingCodes.CountedUnchanged, Verdict.Pass, model, "counted metrics", current.Flops, current.Flops, 0, 0, null,
                $"kind, shapes, params, MACs, flops and otherFlops of all {current.Layers.Count} layers are exactly as approved.", file),
        ];
    }

    private static IEnumerable<Finding> Changes(string model, CountedMetrics baseline, CountedMetrics current, string? file, string? text)
    {
        foreach (var (metric, b, c) in new[] { ("params", baseline.Params, current.Params), ("flops", baseline.Flops, current.Flops), ("otherFlops", baseline.OtherFlops, current.OtherFlops) })
            if (b != c) yield return Changed(model, $"total {metric}", b, c, file, text is null ? 0 : CountedLines.Total(text, metric));

        foreach (var name in baseline.Layers.Keys.Union(current.Layers.Keys).Order(StringComparer.Ordinal))
        {
            var hasOld = baseline.Layers.TryGetValue(name, out var old);
            var hasNew = current.Layers.TryGetValue(name, out var now);
            var line = text is null ? 0 : hasOld ? CountedLines.Layer(text, name) : CountedLines.Total(text, "layers");
            if (!hasNew)
                yield return Layer(model, name, $"{name}: layer removed (was {Numbers.Count(old!.Flops)} flops, {Numbers.Count(old.Params)} params)", file, line);
            else if (!hasOld)
                yield return Layer(model, name, $"{name}: layer added ({Numbers.Count(now!.Flops)} flops, {Numbers.Count(now.Params)} params)", file, line);
            else
            {
                // A migrated first-layout baseline recorded no kind, shapes or MACs (null): nothing to compare there.
                foreach (var (what, b, c) in new[] { ("kind", old!.Kind, now!.Kind), ("input shape", Shape(old.InputShape), Shape(now.InputShape)), ("output shape", Shape(old.OutputShape), Shape(now.OutputShape)) })
                    if (b is not null && b != c) yield return Layer(model, name, $"{name}: {what} {b} → {c}", file, line);
                if (old.Macs is not null && old.Macs != now.Macs) yield return Changed(model, $"{name}: macs", old.Macs, now.Macs, file, line);
                foreach (var (metric, b, c) in new[] { ("params", (long?)old.Params, (long?)now.Params), ("flops", old.Flops, now.Flops), ("otherFlops", old.OtherFlops, now.OtherFlops) })
                    if (b != c) yield return Changed(model, $"{name}: {metric}", b, c, file, line);
            }
        }
    }

    private static string? Shape(long[]? shape) => shape is null ? null : LayerMetrics.Shape(shape);

    private static Finding Layer(string model, string name, string message, string? file, int line) =>
        new(FindingCodes.CountedChanged, Verdict.Fail, model, name, null, null, null, 0, null, message, file, line) { ProposesBaseline = true };

    private static Finding Changed(string model, string metric, long? baseline, long? current, string? file, int line)
    {
        double? delta = baseline is > 0 && current is not null ? (double)(current - baseline) / baseline.Value : null;
        var percent = delta is { } d ? $" ({Numbers.Percent(d)})" : "";
        return new Finding(FindingCodes.CountedChanged, Verdict.Fail, model, metric, baseline, current, delta, 0, null,
            $"{metric} {Numbers.Count(baseline)} → {Numbers.Count(current)}{percent}", file, line) { ProposesBaseline = true };
    }
}
