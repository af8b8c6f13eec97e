using PerfGate.Core.Baselines;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Gate;

/// <summary>
/// Compares one measurement with the model's approved baselines and decides: counted metrics exactly against the counts
/// file (on every machine), throughput statistically against this device class's file (when there is one).
/// </summary>
internal static class GateEvaluator
{
    public static ModelVerdict Evaluate(MeasurementResult current, ApprovedBaselines approved, ToleranceConfig tolerances)
    {
        var model = current.Model;
        var deviceClass = current.Fingerprint.Class;
        var findings = new List<Finding>(CountedFindings(current, approved));

        if (approved.Throughput is not { } throughput)
        {
            findings.Add(
                new Finding(
                    FindingCodes.NewDevice,
                    Verdict.New,
                    model,
                    "throughput",
                    null,
                    null,
                    null,
                    null,
                    null,
                    $"no approved throughput baseline for {model} on {deviceClass}: nothing to compare. The measured figures were "
                        + $"written as the received baseline; approve them to start gating throughput here.",
                    approved.ThroughputPath
                )
                {
                    ProposesBaseline = true,
                }
            );
            return ModelVerdictOf(current, approved, findings);
        }

        var measured = current.Batches.ToDictionary(b => b.Batch);
        foreach (var (batch, snapshot) in throughput.Value.Throughput.OrderBy(t => t.Key))
        {
            var line = approved.ThroughputLine(batch);
            findings.Add(
                measured.TryGetValue(batch, out var now)
                    ? ThroughputComparer.Compare(model, batch, snapshot, now, tolerances.For(model, batch), approved.ThroughputPath, line)
                    : new Finding(
                        FindingCodes.BatchSetChanged,
                        Verdict.Inconclusive,
                        model,
                        $"batch {batch}: normalized throughput",
                        snapshot.NormalizedMedian,
                        null,
                        null,
                        null,
                        null,
                        $"batch {batch} is in the baseline but was not measured; measure it, or approve a baseline without it.",
                        approved.ThroughputPath,
                        line
                    )
                    {
                        Batch = batch,
                    }
            );
        }
        foreach (var extra in measured.Keys.Where(b => !throughput.Value.Throughput.ContainsKey(b)).Order())
            findings.Add(
                new Finding(
                    FindingCodes.BatchSetChanged,
                    Verdict.Pass,
                    model,
                    $"batch {extra}: normalized throughput",
                    null,
                    measured[extra].NormalizedThroughput?.Median,
                    null,
                    null,
                    null,
                    $"batch {extra} was measured but has no baseline yet; approve the received baseline to gate it.",
                    approved.ThroughputPath
                )
                {
                    ProposesBaseline = true,
                    Batch = extra,
                }
            );
        findings.AddRange(
            MemoryComparer.Compare(
                model,
                throughput.Value.Throughput,
                current.Batches,
                batch => tolerances.For(model, batch),
                approved.ThroughputPath,
                approved.ThroughputLine
            )
        );
        return ModelVerdictOf(current, approved, findings);
    }

    /// <summary>The model's verdict: the overall of its findings, with the profile of its largest profiled batch size.</summary>
    private static ModelVerdict ModelVerdictOf(MeasurementResult current, ApprovedBaselines approved, List<Finding> findings) =>
        new(
            current.Model,
            current.Fingerprint.Class,
            ModelVerdict.Overall(findings.Select(f => f.Verdict)),
            findings,
            approved.ThroughputPath
        )
        {
            Profile = current.LargestProfile(),
        };

    /// <summary>
    /// A counts-only gate: the counted metrics exactly, and one note that throughput was not measured (never a verdict on it,
    /// so no noise can move this one).
    /// </summary>
    public static ModelVerdict EvaluateCounts(MeasurementResult current, ApprovedBaselines approved)
    {
        var findings = new List<Finding>(CountedFindings(current, approved))
        {
            new(
                FindingCodes.ThroughputNotMeasured,
                Verdict.Pass,
                current.Model,
                "throughput",
                null,
                null,
                null,
                null,
                null,
                "throughput was not measured: a counts-only gate (PerfGateThroughput=false, or check --counts-only).",
                approved.ThroughputPath
            ),
        };
        return new ModelVerdict(
            current.Model,
            current.Fingerprint.Class,
            ModelVerdict.Overall(findings.Select(f => f.Verdict)),
            findings,
            approved.ThroughputPath
        )
        {
            ProposesOnlyByFindings = true,
        };
    }

    /// <summary>The counted metrics against the approved counts file, exactly; NEW when there is none.</summary>
    public static IEnumerable<Finding> CountedFindings(MeasurementResult current, ApprovedBaselines approved) =>
        approved.Counts is { } counts
            ? CountedComparer.Compare(current.Model, counts.Value.Counted, CountedMetrics.From(current), approved.CountsPath, counts.Text)
            :
            [
                new Finding(
                    FindingCodes.NewCounts,
                    Verdict.New,
                    current.Model,
                    "counted metrics",
                    null,
                    current.Flops,
                    null,
                    0,
                    null,
                    "no approved counts yet: nothing to compare the counted metrics with. They were written as the "
                        + "received counts baseline; approve them to start gating.",
                    approved.CountsPath
                )
                {
                    ProposesBaseline = true,
                },
            ];

    /// <summary>
    /// Confirm-before-fail: the batches that looked regressed were measured again; their findings are judged anew on the
    /// re-measured samples, and only a regression seen twice fails.
    /// </summary>
    public static ModelVerdict Confirm(
        ModelVerdict first,
        MeasurementResult remeasured,
        ApprovedBaselines approved,
        ToleranceConfig tolerances
    )
    {
        var throughput = approved.Throughput!.Value.Value.Throughput;
        var again = remeasured.Batches.ToDictionary(b => b.Batch);
        var findings = first
            .Findings.Select(f =>
            {
                if (f.Code != FindingCodes.ThroughputRegressed || f.Batch is not { } batch || !again.TryGetValue(batch, out var now))
                    return f;
                var judged = ThroughputComparer.Compare(
                    first.Model,
                    batch,
                    throughput[batch],
                    now,
                    tolerances.For(first.Model, batch),
                    f.File,
                    f.Line
                );
                return judged.Code == FindingCodes.ThroughputRegressed
                    ? judged with
                    {
                        Message = judged.Message + " Confirmed by a second measurement.",
                    }
                    : judged with
                    {
                        Message =
                            judged.Message
                            + $" (A first measurement looked regressed, {Numbers.Percent(f.Delta ?? 0)}; the second did not confirm it.)",
                    };
            })
            .ToArray();
        return first with { Findings = findings, Verdict = ModelVerdict.Overall(findings.Select(f => f.Verdict)) };
    }
}
