namespace PerfGate.Core.Measurements;

/// <summary>How the interleaved loop spends its budget.</summary>
/// <param name="IterationSeconds">Target length of one model (and one calibration) iteration: short enough that both see the same machine.</param>
/// <param name="WarmupCalls">Untimed calls of each before the pilot.</param>
/// <param name="MinRounds">Rounds always run, even past the budget, so that every batch has a sample to judge.</param>
/// <param name="MaxRounds">Rounds at most, even within the budget.</param>
public sealed record SamplerSettings(double IterationSeconds = 0.1, int WarmupCalls = 2, int MinRounds = 5, int MaxRounds = 1000);
