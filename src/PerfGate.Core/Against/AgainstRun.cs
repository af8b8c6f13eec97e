using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Against;

/// <summary>
/// One model through the A/B gate: both sides build and count it; its counted metrics are compared exactly with base's
/// ("changed against base", before anyone approves) and with the approved counts; throughput is measured on both sides in
/// alternating rounds and judged on the paired ratios, a suspected regression measured again before it fails. Head's own
/// figures (with its calibration) are returned as the measurement, so results, report and received counts look as usual.
/// </summary>
/// <param name="launch">Starts a fresh pair of measuring processes; true: head first. See <see cref="SidePair"/>.</param>
public sealed class AgainstRun(BaselinePaths paths, ToleranceConfig tolerances, Func<bool, SidePair> launch, string reference, string baseCommit,
    SamplerSettings settings, Action<string>? progress = null)
{
    /// <summary>Launches per measurement: each gets half the budget, the second starts the sides in the other order.</summary>
    public const int Launches = 2;

    private string BaseName => $"base {GitRepository.Short(baseCommit)}";

    /// <summary>What head is (<see cref="GitRepository.DescribeHead"/>), said in the model's throughput finding.</summary>
    public string? Head { get; init; }

    public ModelOutcome Check(string model, GateOptions options)
    {
        var first = launch(false); // prepared here, measured in as the first launch (or stopped when there is nothing to measure)
        SidePrepared headPrepared;
        SidePrepared? basePrepared;
        ApprovedBaselines approved;
        try
        {
            foreach (var side in new[] { first.Base, first.Head }) RequireRelease(side);
            approved = ApprovedBaselines.Read(paths, model, first.Head.Hello.DeviceClass);
            headPrepared = first.Head.Prepare(model);
            basePrepared = Knows(first.Base, model) ? first.Base.Prepare(model) : null;
        }
        catch
        {
            first.Dispose();
            throw;
        }
        var baseVersion = first.Base.Hello.PerfGateVersion;
        var batches = options.Batches ?? approved.Throughput?.Value.Throughput.Keys.Order().ToArray() ?? headPrepared.DefaultBatches;

        var findings = new List<Finding>(GateEvaluator.CountedFindings(headPrepared.Counted, approved));
        var countsApproved = findings.Any(f => f.Code == FindingCodes.CountedUnchanged);
        IReadOnlyList<PairedBatch> paired = [];
        if (basePrepared is null)
        {
            first.Dispose();
            findings.Add(new Finding(FindingCodes.NewDevice, Verdict.New, model, "throughput against base", null, null, null, null, null,
                $"{model} does not exist at {BaseName} ({reference}'s merge-base): nothing to measure it against. Its counts are gated against the approved counts."));
        }
        else
        {
            findings.AddRange(AgainstBaseCounts(model, basePrepared.Counted, headPrepared.Counted, countsApproved));
            paired = Measure(model, batches, options, findings, first);
        }

        var measurement = headPrepared.Counted with { Batches = paired.Select(p => HeadBatch(p, headPrepared)).ToArray() };
        measurement = measurement with { FlattensAtBatch = Flattening.Find(measurement.Batches.Select(b => (b.Batch, b.ImagesPerSec))) };
        var verdict = new ModelVerdict(model, headPrepared.Counted.Fingerprint.Class, ModelVerdict.Overall(findings.Select(f => f.Verdict)), findings, approved.ThroughputPath)
        {
            ProposesOnlyByFindings = true, // a throughput regression against base has nothing to approve
        };
        WriteReceivedCounts(measurement, findings);
        return new ModelOutcome(measurement, verdict, approved)
        {
            Against = new AgainstBase(reference, baseCommit, baseVersion, paired.Select(PairedSummary.Of).ToArray()),
        };
    }

    /// <summary>
    /// Measures and judges all batch sizes pooled and each alone. When that is not a clear pass (a batch or the pool looks
    /// regressed, or the pool's interval reaches past the threshold), measures every batch again (as much time again, in
    /// fresh launches) and judges all rounds of both measurements: over twice the launches, the offset one pair of processes
    /// can carry for its whole life (4–7% seen here) averages out further. A regression on all rounds still fails only if
    /// the second measurement on its own points the same way (<see cref="PairedComparer.Confirm"/>), so a transient in the
    /// first cannot fail the build; a batch size alone fails only if each measurement shows it by itself
    /// (<see cref="PairedComparer.ConfirmBatch"/>). The pooled finding decides the model's throughput; a batch's own finding is
    /// reported when it fails (a regression at that batch size only).
    /// </summary>
    private IReadOnlyList<PairedBatch> Measure(string model, IReadOnlyList<int> batches, GateOptions options, List<Finding> findings, SidePair prepared)
    {
        var paired = MeasureInLaunches(model, batches, options.MaxSeconds, prepared);
        var judged = Judge(model, paired);
        if (judged.Any(f => f.Code == FindingCodes.ThroughputRegressed) || judged[0].Code == FindingCodes.ThroughputInconclusive && judged[0].Delta is not null)
        {
            progress?.Invoke($"{model}: {(judged[0].Code == FindingCodes.ThroughputRegressed ? "head looked slower than base" : "could not decide yet")}; measuring again, then deciding on all rounds");
            var second = MeasureInLaunches(model, batches, options.MaxSeconds, null);
            paired = batches.Select((_, b) => Join(paired[b], second[b])).ToArray();
            var (firstJudged, secondJudged) = (judged, Judge(model, second));
            judged = Judge(model, paired).Select((f, i) => i == 0
                ? PairedComparer.Confirm(f, second.SelectMany(p => p.LogRatios()).ToArray(), tolerances.For(model, 0))
                : PairedComparer.ConfirmBatch(f, firstJudged[i], secondJudged[i])).ToArray();
        }
        findings.AddRange(judged.Where(f => f.Metric == PairedComparer.AllBatches || f.Verdict == Verdict.Fail)
            .Select(f => Head is null || f.Metric != PairedComparer.AllBatches ? f : f with { Message = f.Message + $" Head is {Head}." }));
        return paired;
    }

    /// <summary>
    /// The budget split over <see cref="Launches"/> pairs of processes (the first may be one already <paramref name="prepared"/>
    /// for this model; it is stopped here), their rounds joined per batch size.
    /// </summary>
    private IReadOnlyList<PairedBatch> MeasureInLaunches(string model, IReadOnlyList<int> batches, double maxSeconds, SidePair? prepared)
    {
        var parts = new List<IReadOnlyList<PairedBatch>>();
        for (var i = 0; i < Launches; i++)
        {
            using var pair = i == 0 && prepared is not null ? prepared : launch(i % 2 == 1);
            if (pair != prepared)
            {
                pair.Head.Prepare(model);
                pair.Base.Prepare(model);
            }
            parts.Add(new PairedSampler(pair.Base, pair.Head, settings, progress).Measure(model, batches, maxSeconds / Launches));
        }
        return batches.Select((_, b) => parts.Select(p => p[b]).Aggregate(Join)).ToArray();
    }

    private static PairedBatch Join(PairedBatch x, PairedBatch y) =>
        new(x.Batch, [.. x.Base, .. y.Base], [.. x.Head, .. y.Head], x.Rounds + y.Rounds == 0 ? x.Skipped ?? y.Skipped : null);

    private Finding[] Judge(string model, IReadOnlyList<PairedBatch> paired) =>
    [
        PairedComparer.CompareAll(model, paired, tolerances.For(model, 0), BaseName),
        .. paired.Select(p => PairedComparer.Compare(model, p, tolerances.For(model, p.Batch), BaseName)),
    ];

    /// <summary>
    /// Counted metrics, head against base, exactly. A change fails unless the reviewer approved exactly head's counts in this
    /// pull request (the approved counts file matches head): then it is reported and passes.
    /// </summary>
    private IEnumerable<Finding> AgainstBaseCounts(string model, MeasurementResult baseCounts, MeasurementResult headCounts, bool countsApproved) =>
        CountedComparer.Compare(model, CountedMetrics.From(baseCounts), CountedMetrics.From(headCounts), null, null).Select(f => f.Code == FindingCodes.CountedUnchanged
            ? f with { Metric = "counted metrics against base", Message = $"kind, shapes, params, MACs, flops and otherFlops of all {headCounts.Layers.Count} layers are exactly as at {BaseName}." }
            : f with
            {
                Metric = $"{f.Metric} against base",
                Verdict = countsApproved ? Verdict.Pass : Verdict.Fail,
                ProposesBaseline = !countsApproved,
                Message = countsApproved
                    ? $"changed against {BaseName}, as approved in the counts file: {f.Message}"
                    : $"changed against {BaseName} ({reference}'s merge-base): {f.Message} If intended, approve the received counts.",
            });

    private static bool Knows(IMeasuringSide side, string model) => side.Hello.Declared.Contains(model) || side.Hello.BuiltIn.Contains(model);

    private static BatchResult HeadBatch(PairedBatch paired, SidePrepared head) =>
        paired.Head.Count == 0
            ? BatchResult.OverBudget(paired.Batch, paired.Skipped ?? "not measured")
            : BatchSummary.From(paired.Batch, paired.Head, head.Counted.Flops + head.Counted.OtherFlops, head.CalibrationFlopsPerCall);

    private static void RequireRelease(IMeasuringSide side)
    {
        if (!side.Hello.Build.IsRelease)
            throw new PerfGateException("PG0010", $"refusing to gate a Debug build ({side.Hello.Build}) on the {side.Name} side: build both sides with -c Release.");
    }

    private void WriteReceivedCounts(MeasurementResult head, IReadOnlyList<Finding> findings)
    {
        var received = paths.CountsReceived(head.Model);
        if (findings.Any(f => f.File == paths.CountsVerified(head.Model) && f.Code is FindingCodes.CountedChanged or FindingCodes.NewCounts))
            AtomicFile.Write(received, BaselineJson.Write(CountsBaseline.From(head)));
        else if (File.Exists(received)) File.Delete(received);
    }
}
