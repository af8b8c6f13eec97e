using System.Diagnostics;

namespace PerfGate.Core.Measurements;

/// <summary>
/// The measuring loop: warmup, a pilot that sizes the model iteration to about <see cref="SamplerSettings.IterationSeconds"/>
/// (at least one call) and the calibration iteration to the same length,
/// then rounds that alternate a model iteration and a calibration iteration (in ABBA order, so that a drift does not favour
/// either) until the time budget is spent. BenchmarkDotNet's engine runs one benchmark case at a time, so it cannot
/// interleave two kernels window by window; this loop does only that, and leaves statistics to Perfolizer.
/// </summary>
public static class InterleavedSampler
{
    public static IReadOnlyList<RoundTiming> Run(Action model, Action calibration, double budgetSeconds, SamplerSettings settings, Action<int, double>? onRound = null)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < settings.WarmupCalls; i++)
        {
            model();
            calibration();
        }

        // Pilot: the model iteration is about IterationSeconds, or one call when a call is longer; the calibration iteration
        // then lasts as long as the model's, so that both windows see the same machine.
        var modelOnce = Time(model, 1);
        var modelCalls = CallsFor(modelOnce, settings.IterationSeconds);
        var calibrationCalls = CallsFor(Time(calibration, 1), modelCalls * modelOnce);

        var rounds = new List<RoundTiming>();
        while (rounds.Count < settings.MaxRounds && (rounds.Count < settings.MinRounds || clock.Elapsed.TotalSeconds < budgetSeconds))
        {
            double modelSeconds, calibrationSeconds;
            if (rounds.Count % 2 == 0)
            {
                modelSeconds = Time(model, modelCalls);
                calibrationSeconds = Time(calibration, calibrationCalls);
            }
            else
            {
                calibrationSeconds = Time(calibration, calibrationCalls);
                modelSeconds = Time(model, modelCalls);
            }
            rounds.Add(new RoundTiming(modelCalls, modelSeconds, calibrationCalls, calibrationSeconds));
            onRound?.Invoke(rounds.Count, clock.Elapsed.TotalSeconds);
        }
        return rounds;
    }

    /// <summary>How many calls of <paramref name="once"/> seconds make an iteration of about <paramref name="target"/> seconds (at least one).</summary>
    private static int CallsFor(double once, double target) =>
        (int)Math.Clamp(Math.Round(target / Math.Max(once, 1e-7)), 1, 1_000_000);

    private static double Time(Action action, int calls)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++) action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
