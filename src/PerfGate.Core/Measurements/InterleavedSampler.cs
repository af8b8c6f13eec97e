using System.Diagnostics;

namespace PerfGate.Core.Measurements;

/// <summary>
/// The measuring loop: warmup, a pilot that sizes the first kernel's iteration to about <see cref="SamplerSettings.IterationSeconds"/>
/// (at least one call) and every other kernel's iteration to the same length, then rounds that run one iteration of each
/// kernel, in forward order in even rounds and in reverse order in odd ones (ABBA for two kernels, so that a drift favours
/// none), until the time budget is spent. BenchmarkDotNet's engine runs one benchmark case at a time, so it cannot
/// interleave kernels window by window; this loop does only that, and leaves statistics to Perfolizer.
/// </summary>
internal static class InterleavedSampler
{
    /// <summary>The model and the calibration kernel, alternated: what `perfgate measure` times.</summary>
    public static IReadOnlyList<RoundTiming> Run(
        Action model,
        Action calibration,
        double budgetSeconds,
        SamplerSettings settings,
        Action<int, double>? onRound = null,
        double? hardStopSeconds = null
    ) =>
        RunAll([model, calibration], budgetSeconds, settings, onRound, hardStopSeconds)
            .Select(r => new RoundTiming(r.Calls[0], r.Seconds[0], r.Calls[1], r.Seconds[1]))
            .ToArray();

    /// <summary>Any number of kernels, one iteration of each per round (the slope check alternates its 1, 2 and 4-layer stacks).</summary>
    /// <param name="hardStopSeconds">No round starts that would end after this, not even to reach <see cref="SamplerSettings.MinRounds"/>:
    /// the caller's bound.</param>
    public static IReadOnlyList<KernelRound> RunAll(
        IReadOnlyList<Action> kernels,
        double budgetSeconds,
        SamplerSettings settings,
        Action<int, double>? onRound = null,
        double? hardStopSeconds = null
    )
    {
        if (kernels.Count == 0)
            throw new ArgumentException("Nothing to time.", nameof(kernels));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < settings.WarmupCalls; i++)
            foreach (var kernel in kernels)
                kernel();

        // Pilot: the first kernel's iteration is about IterationSeconds, or one call when a call is longer; every other
        // kernel's iteration then lasts as long, so that all windows of a round see the same machine.
        var firstOnce = Time(kernels[0], 1);
        var calls = new int[kernels.Count];
        calls[0] = CallsFor(firstOnce, settings.IterationSeconds);
        for (var k = 1; k < kernels.Count; k++)
            calls[k] = CallsFor(Time(kernels[k], 1), calls[0] * firstOnce);

        var rounds = new List<KernelRound>();
        var lastRound = 0.0;
        while (rounds.Count < settings.MaxRounds && (rounds.Count < settings.MinRounds || clock.Elapsed.TotalSeconds < budgetSeconds))
        {
            if (hardStopSeconds is { } stop && clock.Elapsed.TotalSeconds + lastRound > stop)
                break;
            var roundStart = clock.Elapsed.TotalSeconds;
            var seconds = new double[kernels.Count];
            var forward = rounds.Count % 2 == 0;
            for (var step = 0; step < kernels.Count; step++)
            {
                var k = forward ? step : kernels.Count - 1 - step;
                seconds[k] = Time(kernels[k], calls[k]);
            }
            rounds.Add(new KernelRound(calls, seconds));
            lastRound = clock.Elapsed.TotalSeconds - roundStart;
            onRound?.Invoke(rounds.Count, clock.Elapsed.TotalSeconds);
        }
        return rounds;
    }

    /// <summary>How many calls of <paramref name="once"/> seconds make an iteration of about <paramref name="target"/> seconds (at least
    /// one).</summary>
    public static int CallsFor(double once, double target) => (int)Math.Clamp(Math.Round(target / Math.Max(once, 1e-7)), 1, 1_000_000);

    /// <summary>Seconds taken by <paramref name="calls"/> calls of <paramref name="action"/>, back to back.</summary>
    public static double Time(Action action, int calls)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
            action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
