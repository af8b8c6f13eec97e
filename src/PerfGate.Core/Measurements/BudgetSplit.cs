namespace PerfGate.Core.Measurements;

/// <summary>
/// Shares a time budget among batch sizes so that each gets about the same number of rounds: a batch whose round takes longer
/// gets more time. An even split would leave the largest batches a handful of rounds and the widest confidence intervals.
/// </summary>
internal static class BudgetSplit
{
    /// <param name="forwardSeconds">One forward pass per batch size, from a pilot.</param>
    /// <param name="iterationSeconds">The sampler's target iteration length: a round is a model and a calibration iteration.</param>
    public static double[] EqualRounds(IReadOnlyList<double> forwardSeconds, double iterationSeconds, double budgetSeconds)
    {
        var rounds = forwardSeconds.Select(f => 2 * Math.Max(iterationSeconds, f)).ToArray();
        var total = rounds.Sum();
        return rounds.Select(r => total > 0 ? budgetSeconds * r / total : budgetSeconds / rounds.Length).ToArray();
    }
}
