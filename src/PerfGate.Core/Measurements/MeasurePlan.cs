namespace PerfGate.Core.Measurements;

/// <summary>The validated, immutable options of one measurement run.</summary>
public sealed record MeasurePlan(IReadOnlyList<int> Batches, string Device, int Threads, double MaxSeconds)
{
    public static readonly int[] DefaultBatches = [1, 2, 4, 8, 16, 32];
    public const double DefaultMaxSeconds = 60;

    /// <summary>Parses a batch list such as "1,2,4,8"; errors name the option and the bad value.</summary>
    public static IReadOnlyList<int> ParseBatches(string text)
    {
        var batches = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out var batch) || batch <= 0)
                throw new PerfGateException("PG0005", $"--batch: '{part}' is not a positive whole number (expected a list such as 1,2,4,8).");
            batches.Add(batch);
        }
        if (batches.Count == 0) throw new PerfGateException("PG0005", "--batch: no batch size given.");
        return batches.Distinct().Order().ToArray();
    }

    public MeasurePlan Validate()
    {
        if (Threads <= 0) throw new PerfGateException("PG0005", $"--threads must be positive, not {Threads}.");
        if (!(MaxSeconds > 0)) throw new PerfGateException("PG0005", $"--max-seconds must be positive, not {Reports.Numbers.Plain(MaxSeconds)}.");
        return this;
    }
}
