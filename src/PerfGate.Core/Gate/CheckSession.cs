using PerfGate.Core.Baselines;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Gate;

/// <summary>
/// One model through the gate: read its verified baseline (a bad file stops here, nothing written), judge, re-measure
/// suspected regressions before failing, then write the received candidate where a reviewer has something to approve, or
/// remove a stale one when everything passed. The measuring is passed in, so tests can replace it.
/// </summary>
public sealed class CheckSession(BaselinePaths paths, ToleranceConfig tolerances, string perfGateVersion, string? commit)
{
    /// <param name="remeasure">Measures the given batch sizes again; null disables confirm-before-fail.</param>
    public ModelVerdict Check(MeasurementResult current, Func<IReadOnlyList<int>, MeasurementResult>? remeasure)
    {
        var verified = paths.Verified(current.Model, current.Fingerprint.Class);
        Baseline? baseline = null;
        string? text = null;
        if (File.Exists(verified))
        {
            text = File.ReadAllText(verified);
            baseline = BaselineJson.Parse(text, verified, current.Model);
        }

        var verdict = GateEvaluator.Evaluate(current, baseline, verified, text, tolerances);
        if (baseline is not null && remeasure is not null && verdict.SuspectedBatches.Count > 0)
        {
            var again = remeasure(verdict.SuspectedBatches);
            verdict = GateEvaluator.Confirm(verdict, again, baseline, text, tolerances);
            var replaced = again.Batches.ToDictionary(b => b.Batch);
            current = current with { Batches = current.Batches.Select(b => replaced.GetValueOrDefault(b.Batch, b)).ToArray() };
        }

        var received = paths.Received(current.Model, current.Fingerprint.Class);
        if (verdict.ProposesBaseline)
            AtomicFile.Write(received, BaselineJson.Write(Baseline.From(current, perfGateVersion, commit)));
        else if (verdict.Verdict == Verdict.Pass && File.Exists(received))
            File.Delete(received);
        return verdict;
    }
}
