namespace PerfGate.Core.Gate;

/// <summary>The validated options of one gate run.</summary>
/// <param name="Batches">Batch sizes to measure; null: those of the approved throughput baseline, else the model's defaults.</param>
/// <param name="MaxSeconds">Measuring budget per model and run; confirming a suspected regression takes up to as much again.</param>
/// <param name="Runs">Independent measuring runs merged into a received baseline by <see cref="GateRun.Record"/>.</param>
/// <param name="CountsOnly">
/// Gate the counted metrics only (exactly, as on every machine) and time nothing: a verdict that no noise can move, for runners
/// whose throughput is not worth judging and for checks about counts and incrementality.
/// </param>
internal sealed record GateOptions(IReadOnlyList<int>? Batches, double MaxSeconds, int Runs = 1, bool CountsOnly = false)
{
    /// <summary>The batch sizes to measure, one rule for every gate: those asked for, else the approved baseline's, else the model's
    /// own.</summary>
    public IReadOnlyList<int> BatchesFor(Baselines.ApprovedBaselines approved, Func<IReadOnlyList<int>> modelDefaults) =>
        Batches ?? approved.Throughput?.Value.Throughput.Keys.Order().ToArray() ?? modelDefaults();

    public GateOptions Validate()
    {
        Measurements.MeasureBudget.Check(MaxSeconds);
        if (Runs is < 1 or > 50)
            throw new PerfGateException(ErrorCodes.BadOption, $"--runs must be a whole number from 1 to 50, not {Runs}.");
        return this;
    }
}
