namespace PerfGate.Core.Measurements;

/// <summary>
/// The one rule for a measuring budget, whoever gives it (--max-seconds, PerfGateMaxSeconds, a gate request): a number of
/// seconds above 0 and at most a day. Past a day (or at ∞, NaN, 0 or below) the option is a typo, not a plan.
/// </summary>
public static class MeasureBudget
{
    public const double MaxSeconds = 86_400;

    public static bool IsValid(double seconds) => seconds > 0 && seconds <= MaxSeconds;

    /// <summary>PG0005 naming the value, unless <see cref="IsValid"/>.</summary>
    public static void Check(double seconds)
    {
        if (!IsValid(seconds))
            throw new PerfGateException(
                "PG0005",
                $"--max-seconds must be a number of seconds above 0 and at most {Numbers.Plain(MaxSeconds)}, not {Numbers.Plain(seconds)}."
            );
    }
}
