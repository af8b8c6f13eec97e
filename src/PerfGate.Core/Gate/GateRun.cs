using PerfGate.Core.Baselines;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Gate;

/// <summary>
/// One model through the gate, measure → (confirm) → verdict → received files: reads the model's approved baselines once
/// (a bad file stops here, before anything is measured or written), refuses a Debug build, measures, re-measures suspected
/// regressions before failing, and writes the received candidates where a reviewer has something to approve (or removes
/// stale ones when everything passed). The measuring is passed in, so tests and recorded results can replace it.
/// </summary>
internal sealed class GateRun(
    BaselinePaths paths,
    ToleranceConfig tolerances,
    IGateMeasurer measurer,
    string perfGateVersion,
    string? commit
)
{
    public BaselinePaths Paths => paths;

    /// <summary>The device class this run measures on (the throughput baselines' file name).</summary>
    public string DeviceClass => measurer.DeviceClass;

    public ModelOutcome Check(string model, GateOptions options)
    {
        RequireRelease();
        var approved = ApprovedBaselines.Read(paths, model, measurer.DeviceClass);
        if (options.CountsOnly)
        {
            var counted = measurer.Measure(model, [], options.MaxSeconds); // the counting forward pass only, no batch is timed
            var countsVerdict = GateEvaluator.EvaluateCounts(counted, approved);
            WriteReceived([counted], countsVerdict, throughput: false);
            return new ModelOutcome(counted, countsVerdict, approved);
        }
        var current = measurer.Measure(model, Batches(model, options, approved), options.MaxSeconds);
        var verdict = GateEvaluator.Evaluate(current, approved, tolerances);
        if (measurer.CanRemeasure && approved.Throughput is not null && verdict.SuspectedBatches.Count > 0)
        {
            // As much time again, for the suspected batches only: the confirmation sees more rounds than the first look.
            var again = measurer.Measure(model, verdict.SuspectedBatches, options.MaxSeconds);
            verdict = GateEvaluator.Confirm(verdict, again, approved, tolerances);
            var replaced = again.Batches.ToDictionary(b => b.Batch);
            current = current with { Batches = current.Batches.Select(b => replaced.GetValueOrDefault(b.Batch, b)).ToArray() };
        }

        WriteReceived([current], verdict, throughput: true);
        return new ModelOutcome(current, verdict, approved);
    }

    /// <summary>
    /// Measures <see cref="GateOptions.Runs"/> independent runs and writes them, merged, as the received baselines (counts and
    /// throughput, with every run's median kept so that the baseline knows this machine's between-run drift). Approving is
    /// left to the caller.
    /// </summary>
    public IReadOnlyList<MeasurementResult> Snapshot(string model, GateOptions options, Action<string>? progress = null)
    {
        RequireRelease();
        var approved = ApprovedBaselines.Read(paths, model, measurer.DeviceClass);
        var batches = Batches(model, options, approved);
        var runs = new List<MeasurementResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            progress?.Invoke($"{model}: run {run}/{options.Runs} for the baseline");
            runs.Add(measurer.Measure(model, batches, options.MaxSeconds));
        }
        var counts = runs.Select(r => BaselineJson.Write(CountsBaseline.From(r))).Distinct().ToArray();
        if (counts.Length > 1)
            throw new PerfGateException(
                ErrorCodes.ModelFailed,
                $"{model}: the counted metrics differ between runs of the same build; the model's shapes depend on something other than "
                    + $"its input.",
                exitCode: ExitCodes.MeasuredProcessFailed
            );
        AtomicFile.Write(paths.CountsReceived(model), counts[0]);
        AtomicFile.Write(paths.Received(model, measurer.DeviceClass), BaselineJson.Write(Baseline.From(runs, perfGateVersion, commit)));
        return runs;
    }

    private void RequireRelease() =>
        measurer.Build.RequireRelease(
            "",
            "unoptimized code is not what your users run, and its throughput would be judged against Release baselines. "
                + "Build and test with -c Release (dotnet test -c Release), or run the perfgate tool from a Release build.",
            measurer.Source
        );

    private IReadOnlyList<int> Batches(string model, GateOptions options, ApprovedBaselines approved) =>
        options.BatchesFor(approved, () => measurer.DefaultBatches(model));

    /// <summary>
    /// Writes the candidates a reviewer may approve, and removes the ones this run shows to be stale: the counts candidate
    /// whenever the counts match the approved ones, the throughput candidate when the model passed with nothing to propose.
    /// Received files only: nothing approved is touched. Without <paramref name="throughput"/> (a counts-only gate timed
    /// nothing) the throughput candidate is neither written nor removed.
    /// </summary>
    private void WriteReceived(IReadOnlyList<MeasurementResult> runs, ModelVerdict verdict, bool throughput)
    {
        var current = runs[^1];
        var throughputReceived = paths.Received(current.Model, current.Fingerprint.Class);
        ReceivedCounts.Update(paths, current, verdict.Findings.Any(f => f.Code is FindingCodes.CountedChanged or FindingCodes.NewCounts));
        if (!throughput)
            return;
        if (verdict.ProposesBaseline)
            AtomicFile.Write(throughputReceived, BaselineJson.Write(Baseline.From(runs, perfGateVersion, commit)));
        else if (verdict.Verdict == Verdict.Pass && File.Exists(throughputReceived))
            File.Delete(throughputReceived);
    }
}
