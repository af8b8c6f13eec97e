namespace PerfGate.Core.Measurements;

/// <summary>The validated, immutable options of one measurement run.</summary>
internal sealed record MeasurePlan(IReadOnlyList<int> Batches, string Device, int Threads, double MaxSeconds)
{
    /// <summary>The memory every batch size must fit, by its counted peak (--memory); null: the device's own (a GPU's memory,
    /// the CPU's available memory).</summary>
    public long? MemoryBytes { get; init; }

    public static readonly int[] DefaultBatches = [1, 2, 4, 8, 16, 32];

    /// <summary>The devices a plan can name: auto (the GPU where one exists), cpu, cuda.</summary>
    public static readonly string[] Devices = ["auto", "cpu", "cuda"];

    /// <summary>The command line's budget per model, in seconds (--max-seconds).</summary>
    public const double DefaultMaxSeconds = 60;

    /// <summary>The build gate's budget per model (PerfGateMaxSeconds), shorter: it runs on every `dotnet test`. The targets
    /// default the property to the same figure (a test holds them together).</summary>
    public const double BuildGateMaxSeconds = 30;

    /// <summary>Parses a batch list such as "1,2,4,8"; errors name the option and the bad value.</summary>
    public static IReadOnlyList<int> ParseBatches(string text)
    {
        var batches = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out var batch) || batch <= 0)
                throw new PerfGateException(
                    ErrorCodes.BadOption,
                    $"--batch: '{part}' is not a positive whole number (expected a list such as 1,2,4,8)."
                );
            batches.Add(batch);
        }
        if (batches.Count == 0)
            throw new PerfGateException(ErrorCodes.BadOption, "--batch: no batch size given.");
        return batches.Distinct().Order().ToArray();
    }

    /// <summary>
    /// The bound on a whole run: --max-seconds plus a margin of a quarter of it and 5 s (process start-up, the FLOP count, a
    /// round already under way). No batch and no round starts that would end after it; a batch that does not fit is reported
    /// as over budget (inconclusive), never measured past the bound.
    /// </summary>
    public double DeadlineSeconds => Deadline(MaxSeconds);

    /// <summary>The bound on a run of <paramref name="maxSeconds"/>: see <see cref="DeadlineSeconds"/>.</summary>
    public static double Deadline(double maxSeconds) => maxSeconds * 1.25 + 5;

    public MeasurePlan Validate()
    {
        CheckThreads(Threads);
        MeasureBudget.Check(MaxSeconds);
        return this;
    }

    /// <summary>The intra-op thread count, or PG0005: at least 1 and not far beyond the machine's logical cores.</summary>
    public static void CheckThreads(int threads)
    {
        if (threads <= 0 || threads > Math.Max(64, Environment.ProcessorCount * 4))
            throw new PerfGateException(
                ErrorCodes.BadOption,
                $"--threads {threads} is not a sensible intra-op thread count on this machine ({Environment.ProcessorCount} logical cores)."
            );
    }
}
