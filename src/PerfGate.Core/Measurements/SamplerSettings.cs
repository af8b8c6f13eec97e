namespace PerfGate.Core.Measurements;

/// <summary>How the interleaved loop spends its budget.</summary>
/// <param name="IterationSeconds">Target length of one model (and one calibration) iteration: short enough that both see the same
/// machine.</param>
/// <param name="WarmupCalls">Untimed calls of each before the pilot.</param>
/// <param name="MinRounds">Rounds always run, even past the budget, so that every batch has a sample to judge.</param>
/// <param name="MaxRounds">Rounds at most, even within the budget.</param>
/// <param name="ProfileShare">
/// The share of a batch size's time given to profile rounds (one forward pass timed layer by layer, between throughput
/// rounds); 0 profiles nothing.
/// </param>
internal sealed record SamplerSettings(
    double IterationSeconds = 0.1,
    int WarmupCalls = 2,
    int MinRounds = 5,
    int MaxRounds = 1000,
    double ProfileShare = 0.15
)
{
    /// <summary>Whether a profile round may run now: while profiling has had no more than its share of the time so far.</summary>
    public bool ProfileDue(double profiledSeconds, double elapsedSeconds) =>
        ProfileShare > 0 && profiledSeconds <= ProfileShare * elapsedSeconds;
}
