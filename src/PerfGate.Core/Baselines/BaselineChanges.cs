namespace PerfGate.Core.Baselines;

/// <summary>What approving changes, per metric, old → new: printed by approve for the reviewer.</summary>
internal static class BaselineChanges
{
    public static IReadOnlyList<string> Counted(CountedMetrics? old, CountedMetrics now)
    {
        if (old is null)
            return
            [
                $"new counts: {Numbers.Count(now.Flops)} flops, {Numbers.Count(now.OtherFlops)} other flops, {Numbers.Count(now.Params)} "
                    + $"params, {now.Layers.Count} layers",
            ];
        var changes = new List<string>();
        void Count(string what, long? a, long? b)
        {
            if (a != b)
                changes.Add($"{what}: {Numbers.Count(a)} → {Numbers.Count(b)}");
        }
        Count("params", old.Params, now.Params);
        Count("flops", old.Flops, now.Flops);
        Count("otherFlops", old.OtherFlops, now.OtherFlops);
        foreach (var layer in old.Layers.Keys.Union(now.Layers.Keys).Order(StringComparer.Ordinal))
        {
            old.Layers.TryGetValue(layer, out var a);
            now.Layers.TryGetValue(layer, out var b);
            if (a is null)
                changes.Add($"{layer}: added");
            else if (b is null)
                changes.Add($"{layer}: removed");
            else
            {
                if (LayerMetrics.Shape(a.OutputShape) != LayerMetrics.Shape(b.OutputShape))
                    changes.Add($"{layer}: output {LayerMetrics.Shape(a.OutputShape)} → {LayerMetrics.Shape(b.OutputShape)}");
                Count($"{layer}: params", a.Params, b.Params);
                Count($"{layer}: flops", a.Flops, b.Flops);
                Count($"{layer}: otherFlops", a.OtherFlops, b.OtherFlops);
            }
        }
        return changes.Count > 0 ? changes : ["counts unchanged"];
    }

    public static IReadOnlyList<string> Throughput(Baseline? old, Baseline now)
    {
        var changes = new List<string>();
        foreach (var batch in (old?.Throughput.Keys ?? []).Union(now.Throughput.Keys).Order())
        {
            ThroughputSnapshot? a = null;
            old?.Throughput.TryGetValue(batch, out a);
            now.Throughput.TryGetValue(batch, out var b);
            var spread =
                b is null ? ""
                : b.RunMedians.Length > 1 ? $", {b.RunMedians.Length} runs, drift ±{Numbers.Percent(b.RunSpread, signed: false)}"
                : ", 1 run";
            changes.Add(
                a is null ? $"batch {batch}: added ({Numbers.Fixed(b!.ImagesPerSecMedian, 2)} images/s{spread})"
                : b is null ? $"batch {batch}: removed"
                : $"batch {batch}: normalized {Numbers.Fixed(a.NormalizedMedian, 4)} → {Numbers.Fixed(b.NormalizedMedian, 4)}, "
                    + $"{Numbers.Fixed(a.ImagesPerSecMedian, 2)} → {Numbers.Fixed(b.ImagesPerSecMedian, 2)} images/s{spread}"
            );
        }
        return changes;
    }
}
