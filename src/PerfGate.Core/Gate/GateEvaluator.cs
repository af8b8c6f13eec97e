using PerfGate.Core.Baselines;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Gate;

/// <summary>Compares one measurement with its approved baseline (if any) and decides: counted metrics exactly, throughput statistically.</summary>
public static class GateEvaluator
{
    public static ModelVerdict Evaluate(MeasurementResult current, Baseline? baseline, string verifiedPath, string? baselineText, ToleranceConfig tolerances)
    {
        var model = current.Model;
        var deviceClass = current.Fingerprint.Class;
        if (baseline is null)
        {
            var created = new Finding(FindingCodes.NewDevice, Verdict.New, model, "baseline", null, null, null, null, null,
                $"no approved baseline for {model} on {deviceClass}: nothing to compare. The measured figures were written as the received baseline; approve them to start gating.",
                verifiedPath);
            return new ModelVerdict(model, deviceClass, Verdict.New, [created], verifiedPath);
        }

        var findings = new List<Finding>();
        findings.AddRange(CountedComparer.Compare(model, baseline.Counted, CountedMetrics.From(current), verifiedPath, baselineText));

        var measured = current.Batches.ToDictionary(b => b.Batch);
        foreach (var (batch, snapshot) in baseline.Throughput.OrderBy(t => t.Key))
        {
            var line = baselineText is null ? 0 : BaselineLines.Of(baselineText, "throughput", batch.ToString());
            findings.Add(measured.TryGetValue(batch, out var now)
                ? ThroughputComparer.Compare(model, batch, snapshot, now, tolerances.For(model, batch), verifiedPath, line)
                : new Finding(FindingCodes.BatchSetChanged, Verdict.Inconclusive, model, $"batch {batch}: normalized throughput", snapshot.NormalizedMedian, null, null, null, null,
                    $"batch {batch} is in the baseline but was not measured; measure it, or approve a baseline without it.", verifiedPath, line) { Batch = batch });
        }
        foreach (var extra in measured.Keys.Where(b => !baseline.Throughput.ContainsKey(b)).Order())
            findings.Add(new Finding(FindingCodes.BatchSetChanged, Verdict.Pass, model, $"batch {extra}: normalized throughput", null, measured[extra].NormalizedThroughput?.Median, null, null, null,
                $"batch {extra} was measured but has no baseline yet; approve the received baseline to gate it.", verifiedPath) { ProposesBaseline = true, Batch = extra });

        return new ModelVerdict(model, deviceClass, ModelVerdict.Overall(findings.Select(f => f.Verdict)), findings, verifiedPath);
    }

    /// <summary>
    /// Confirm-before-fail: the batches that looked regressed were measured again; their findings are judged anew on the
    /// re-measured samples, and only a regression seen twice fails.
    /// </summary>
    public static ModelVerdict Confirm(ModelVerdict first, MeasurementResult remeasured, Baseline baseline, string? baselineText, ToleranceConfig tolerances)
    {
        var again = remeasured.Batches.ToDictionary(b => b.Batch);
        var findings = first.Findings.Select(f =>
        {
            if (f.Code != FindingCodes.ThroughputRegressed || f.Batch is not { } batch || !again.TryGetValue(batch, out var now)) return f;
            var judged = ThroughputComparer.Compare(first.Model, batch, baseline.Throughput[batch], now, tolerances.For(first.Model, batch), f.File, f.Line);
            return judged.Code == FindingCodes.ThroughputRegressed
                ? judged with { Message = judged.Message + " Confirmed by a second measurement." }
                : judged with { Message = judged.Message + $" (A first measurement looked regressed, {f.Delta:P1}; the second did not confirm it.)" };
        }).ToArray();
        return first with { Findings = findings, Verdict = ModelVerdict.Overall(findings.Select(f => f.Verdict)) };
    }
}
