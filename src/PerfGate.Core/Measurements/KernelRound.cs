namespace PerfGate.Core.Measurements;

/// <summary>One round of <see cref="InterleavedSampler.RunAll"/>: per kernel, the calls of its iteration and the seconds they
/// took.</summary>
internal sealed record KernelRound(IReadOnlyList<int> Calls, IReadOnlyList<double> Seconds)
{
    /// <summary>Seconds per call of kernel <paramref name="k"/> in this round.</summary>
    public double SecondsPerCall(int k) => Seconds[k] / Calls[k];
}
