namespace PerfGate.Core.Measurements;

/// <summary>
/// The one rule for a measuring budget, whoever gives it (--max-seconds, PerfGateMaxSeconds, a gate request): a number of
/// seconds above 0 and at most a day. Past a day (or at ∞, NaN, 0 or below) the option is a typo, not a plan.
/// </summary>
public static class MeasureBudget
{
    public const double MaxSeconds = 86_400;

    public static bool IsValid(double seconds) => seconds > 0 && seconds <= MaxSeconds;

    /// <summary>The budget itself, or PG0005 naming <paramref name="option"/> and the value.</summary>
    public static double Check(double seconds, string option = "--max-seconds") =>
        IsValid(seconds)
            ? seconds
            : throw new PerfGateException(
                "PG0005",
                $"{option} must be a number of seconds above 0 and at most {Numbers.Plain(MaxSeconds)}, not {Numbers.Plain(seconds)}."
            );
}
