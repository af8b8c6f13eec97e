using PerfGate.Core.Reports;

namespace PerfGate.Core.Baselines;

/// <summary>
/// Approval: each received baseline is validated, compared with the verified one it replaces, and renamed onto it (atomic
/// on one file system). Refused when the CI environment variable is set, unless forced: CI never approves by itself.
/// </summary>
public static class BaselineApprover
{
    public sealed record Approved(string Model, string DeviceClass, string VerifiedPath, IReadOnlyList<string> Changes);

    public static IReadOnlyList<Approved> Approve(BaselinePaths paths, string? model, bool force, string? ciVariable)
    {
        if (!string.IsNullOrEmpty(ciVariable) && !force)
            throw new PerfGateException("PG0401", "refusing to approve baselines on a CI server (CI is set): approve locally and commit, or pass --force if you really mean it.");

        var approved = new List<Approved>();
        foreach (var received in paths.AllReceived(model).ToArray())
        {
            var candidate = BaselineJson.Read(received);
            var verified = BaselinePaths.VerifiedFor(received);
            var old = File.Exists(verified) ? BaselineJson.Read(verified) : null;
            var changes = Describe(old, candidate);
            File.Move(received, verified, overwrite: true);
            approved.Add(new Approved(candidate.Model, candidate.DeviceClass, verified, changes));
        }
        return approved;
    }

    /// <summary>What approving changes, per metric: old → new.</summary>
    public static IReadOnlyList<string> Describe(Baseline? old, Baseline now)
    {
        if (old is null) return [$"new baseline: {Numbers.Count(now.Counted.Flops)} flops, {Numbers.Count(now.Counted.Params)} params, batches {string.Join(", ", now.Throughput.Keys.Order())}"];
        var changes = new List<string>();
        void Count(string what, long? a, long? b)
        {
            if (a != b) changes.Add($"{what}: {Numbers.Count(a)} → {Numbers.Count(b)}");
        }
        Count("params", old.Counted.Params, now.Counted.Params);
        Count("flops", old.Counted.Flops, now.Counted.Flops);
        Count("otherFlops", old.Counted.OtherFlops, now.Counted.OtherFlops);
        foreach (var layer in old.Counted.Layers.Keys.Union(now.Counted.Layers.Keys).Order(StringComparer.Ordinal))
        {
            old.Counted.Layers.TryGetValue(layer, out var a);
            now.Counted.Layers.TryGetValue(layer, out var b);
            if (a is null) changes.Add($"{layer}: added");
            else if (b is null) changes.Add($"{layer}: removed");
            else
            {
                Count($"{layer}: params", a.Params, b.Params);
                Count($"{layer}: flops", a.Flops, b.Flops);
                Count($"{layer}: otherFlops", a.OtherFlops, b.OtherFlops);
            }
        }
        foreach (var batch in old.Throughput.Keys.Union(now.Throughput.Keys).Order())
        {
            old.Throughput.TryGetValue(batch, out var a);
            now.Throughput.TryGetValue(batch, out var b);
            changes.Add(a is null ? $"batch {batch}: added ({Numbers.Fixed(b!.ImagesPerSecMedian, 2)} images/s)"
                : b is null ? $"batch {batch}: removed"
                : $"batch {batch}: normalized {Numbers.Fixed(a.NormalizedMedian, 4)} → {Numbers.Fixed(b.NormalizedMedian, 4)}, {Numbers.Fixed(a.ImagesPerSecMedian, 2)} → {Numbers.Fixed(b.ImagesPerSecMedian, 2)} images/s");
        }
        return changes;
    }
}
