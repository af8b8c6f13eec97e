namespace PerfGate.Core.Measurements;

/// <summary>
/// The one rule for a measuring budget, whoever gives it (--max-seconds, PerfGateMaxSeconds, a gate request): a number of
/// seconds above 0 and at most a day. Past a day (or at ∞, NaN, 0 or below) the option is a typo, not a plan.
/// </summary>
internal static class MeasureBudget
{
    public const double MaxSeconds = 86_400;

    /// <summary>The budget's option on the command line, as advice names it; the build gate's diagnostics name its property
    /// (<see cref="InBuildGate"/>) instead.</summary>
    public const string Option = "--max-seconds";

    /// <summary>Advice written for the command line, as the build gate prints it: the budget is PerfGateMaxSeconds there.</summary>
    public static string InBuildGate(string message) => message.Replace($"({Option})", "(PerfGateMaxSeconds)", StringComparison.Ordinal);

    public static bool IsValid(double seconds) => seconds > 0 && seconds <= MaxSeconds;

    /// <summary>PG0005 naming the value, unless <see cref="IsValid"/>.</summary>
    public static void Check(double seconds)
    {
        if (!IsValid(seconds))
            throw new PerfGateException(
                ErrorCodes.BadOption,
                $"--max-seconds must be a number of seconds above 0 and at most {Numbers.Plain(MaxSeconds)}, not {Numbers.Plain(seconds)}."
            );
    }

    /// <summary>
    /// Why a batch size was not measured, in numbers that agree with each other: a round is two forward passes of about
    /// <paramref name="passSeconds"/>, against what is left of the run's bound (<see cref="MeasurePlan.Deadline"/>), and the
    /// budget that would fit it.
    /// </summary>
    public static string RoundDoesNotFit(double passSeconds, double leftSeconds, double elapsedSeconds, double maxSeconds)
    {
        var round = 2 * passSeconds;
        var enough = Math.Max(Math.Ceiling((elapsedSeconds + round - 5) / 1.25), Math.Floor(maxSeconds) + 1);
        var left = Numbers.Fixed(Math.Max(leftSeconds, 0), 1);
        var bound = Numbers.Fixed(MeasurePlan.Deadline(maxSeconds), 0);
        var used = Numbers.Fixed(elapsedSeconds, 1);
        return $"one round (two forward passes of about {Numbers.Fixed(passSeconds, 1)} s, {Numbers.Fixed(round, 1)} s) does not fit "
            + $"in what is left of the time budget: {left} s of the run's bound of {bound} s (a budget of {Numbers.Plain(maxSeconds)} s, "
            + $"{used} s already used). Give it at least {Numbers.Plain(enough)} s ({Option}), or leave this batch size out.";
    }
}
