namespace PerfGate.Core.Gate;

/// <summary>
/// One shard of a suite, for splitting it across a CI matrix: `--shard 2/3` takes the second of three interleaved slices of
/// the models sorted by name. Every model lands in exactly one shard, whatever the order they were given in.
/// </summary>
internal sealed record Shard(int Index, int Count)
{
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (
            parts.Length != 2
            || !int.TryParse(parts[0], out var index)
            || !int.TryParse(parts[1], out var count)
            || count < 1
            || index < 1
            || index > count
        )
            throw new PerfGateException(ErrorCodes.BadOption, $"--shard '{text}' must be k/n with 1 <= k <= n, e.g. 1/3.");
        return new Shard(index, count);
    }

    public IReadOnlyList<string> Select(IEnumerable<string> models) =>
        models.Distinct().Order(StringComparer.Ordinal).Where((_, i) => i % Count == Index - 1).ToArray();
}
