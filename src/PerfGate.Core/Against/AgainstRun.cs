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
public sealed class AgainstRun(
    BaselinePaths paths,
    ToleranceConfig tolerances,
    Func<bool, SidePair> launch,
    string reference,
    string baseCommit,
    SamplerSettings settings,
    Action<string>? progress = null
)
{
    /// <summary>
    /// The budget is planned as this many launches (each a fresh pair of processes measuring every batch size for
    /// --max-seconds ÷ <see cref="PlannedLaunches"/>): launches, not rounds, are the samples the verdict counts.
    /// </summary>
    public const int PlannedLaunches = 8;

    /// <summary>Launches before the first look: with fewer, a clear pass costs less but one offset weighs too much.</summary>
    public const int FirstLook = 4;

    /// <summary>More launches after a finding first crosses the threshold, which must then still cross it.</summary>
    public const int ConfirmLaunches = 2;

    /// <summary>At most twice the planned launches (twice the budget), for a run that cannot decide within it.</summary>
    public const int MaxLaunches = 2 * PlannedLaunches;

    private string BaseName => $"base {GitCommit.Short(baseCommit)}";

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
            foreach (var side in new[] { first.Base, first.Head })
                RequireRelease(side);
            approved = ApprovedBaselines.Read(paths, model, first.Head.Hello.DeviceClass);
            (headPrepared, basePrepared) = Concurrently.Run(
                () => first.Head.Prepare(model),
                () => Knows(first.Base, model) ? first.Base.Prepare(model) : null
            );
        }
        catch
        {
            first.Dispose();
            throw;
        }
        var baseVersion = first.Base.Hello.PerfGateVersion;
        var batches = options.BatchesFor(approved, () => headPrepared.DefaultBatches);

        var findings = new List<Finding>(GateEvaluator.CountedFindings(headPrepared.Counted, approved));
        var countsApproved = findings.Any(f => f.Code == FindingCodes.CountedUnchanged);
        IReadOnlyList<IReadOnlyList<PairedBatch>> launches = [];
        if (basePrepared is null)
        {
            first.Dispose();
            findings.Add(
                new Finding(
                    FindingCodes.NewAtBase,
                    Verdict.New,
                    model,
                    "throughput against base",
                    null,
                    null,
                    null,
                    null,
                    null,
                    $"{model} does not exist at {BaseName} ({reference}'s merge-base): nothing to measure it against. Its counts are "
                        + $"gated against the approved counts."
                )
            );
        }
        else
        {
            findings.AddRange(AgainstBaseCounts(model, basePrepared.Counted, headPrepared.Counted, countsApproved));
            launches = Measure(model, batches, options, findings, first);
        }

        var measurement = headPrepared.Counted with
        {
            Batches =
                launches.Count == 0
                    ? []
                    : batches
                        .Select(b =>
                            HeadBatch(PairedBatch.Join(b, Of(b, launches)), headPrepared) with
                            {
                                PeakMemory = HeadMemory(Of(b, launches)),
                            }
                        )
                        .ToArray(),
        };
        measurement = measurement with { FlattensAtBatch = Flattening.Find(measurement.Batches.Select(b => (b.Batch, b.ImagesPerSec))) };
        var verdict = new ModelVerdict(
            model,
            headPrepared.Counted.Fingerprint.Class,
            ModelVerdict.Overall(findings.Select(f => f.Verdict)),
            findings,
            approved.ThroughputPath
        )
        {
            ProposesOnlyByFindings = true, // a throughput regression against base has nothing to approve
            Profile = measurement.LargestProfile(),
        };
        WriteReceivedCounts(measurement, findings);
        return new ModelOutcome(measurement, verdict, approved)
        {
            Against = new AgainstBase(
                reference,
                baseCommit,
                baseVersion,
                launches.Count == 0 ? [] : batches.Select(b => PairedSummaries.Of(b, Of(b, launches))).ToArray()
            ),
        };
    }

    /// <summary>
    /// Measures launch after launch (ABBA over launches: base first, head first, head first, base first, …, and ABBA over the
    /// rounds within each) and, from <see cref="FirstLook"/> launches on, judges all batch sizes pooled and each alone on the
    /// launch figures (<see cref="PairedComparer"/>). It stops as soon as the pooled interval's lower end lies above −threshold
    /// (a pass) with no batch regressed (a clear pass costs half the budget); a regression or an improvement must hold again after
    /// <see cref="ConfirmLaunches"/> more launches; a run still undecided when the planned launches are spent is measured on,
    /// up to <see cref="MaxLaunches"/>. The pooled finding decides the model's throughput; a batch's own finding is reported
    /// when it fails (a regression at that batch size only).
    /// </summary>
    private IReadOnlyList<IReadOnlyList<PairedBatch>> Measure(
        string model,
        IReadOnlyList<int> batches,
        GateOptions options,
        List<Finding> findings,
        SidePair prepared
    )
    {
        var launches = new List<IReadOnlyList<PairedBatch>>();
        var seconds = options.MaxSeconds / PlannedLaunches;
        Finding[] judged = [];
        int? crossedAt = null;
        while (launches.Count < MaxLaunches)
        {
            launches.Add(
                MeasureLaunch(
                    model,
                    batches,
                    seconds,
                    MeasurePlan.Deadline(options.MaxSeconds),
                    launches.Count,
                    launches.Count == 0 ? prepared : null
                )
            );
            if (launches.Count < FirstLook)
                continue;
            judged = Judge(model, batches, launches);
            var pooled = judged[0];
            progress?.Invoke(
                $"{model}: after {launches.Count} launches: {pooled.Code} {pooled.Verdict}, head {Numbers.Percent(pooled.Delta ?? 0)}"
            );
            var crossed =
                pooled.Code is FindingCodes.ThroughputRegressed or FindingCodes.ThroughputImproved
                || judged.Skip(1).Any(f => f.Code == FindingCodes.ThroughputRegressed);
            if (!crossed && pooled.Code == FindingCodes.ThroughputUnchanged)
                break; // a clear pass
            crossedAt = crossed ? crossedAt ?? launches.Count : null;
            if (crossedAt is { } at && launches.Count >= at + ConfirmLaunches)
                break; // crossed, and still so after more launches
            if (launches.Count == PlannedLaunches && !crossed)
                progress?.Invoke(
                    $"{model}: not decided within the planned {PlannedLaunches} launches; measuring more, up to {MaxLaunches}"
                );
        }
        if (judged.Length == 0)
            judged = Judge(model, batches, launches);
        if (crossedAt is { } since && judged[0].Code is FindingCodes.ThroughputRegressed or FindingCodes.ThroughputImproved)
            judged[0] = judged[0] with
            {
                Message = judged[0].Message + $" Confirmed: it held from launch {since} through launch {launches.Count}.",
            };
        findings.AddRange(
            judged
                .Where(f => f.Metric == PairedComparer.AllBatches || f.Verdict == Verdict.Fail)
                .Select(f => Attributed(f, batches, launches))
                .Select(f =>
                    Head is null || f.Metric != PairedComparer.AllBatches ? f : f with { Message = f.Message + $" Head is {Head}." }
                )
        );
        findings.AddRange(
            MemoryComparer.AgainstBase(
                model,
                batches,
                b => Of(b, launches).Select(p => (p.BaseMemory, p.HeadMemory)).ToArray(),
                b => tolerances.For(model, b),
                BaseName
            )
        );
        return launches;
    }

    /// <summary>
    /// A regression (head slower, on the verdict's evidence) names the layers whose time grew, head against base, each only when
    /// its own launch-level interval lies wholly above 1 (or the layer is new in head): a batch size's finding from its own
    /// profile pairs, the pooled one from the largest batch size that was profiled. Nothing else names a layer: an A/B run whose
    /// head was faster read "where the time grew: pool1 +17.6%, fc1 +88.3%" for layers nobody touched before this.
    /// </summary>
    private static Finding Attributed(Finding finding, IReadOnlyList<int> batches, IReadOnlyList<IReadOnlyList<PairedBatch>> launches)
    {
        if (finding.Verdict is not Verdict.Fail || finding.Delta is not < 0)
            return finding;
        var ratios = (finding.Batch is { } one ? [one] : batches.Reverse())
            .Select(b => (Batch: b, Ratios: LaunchAttribution.Ratios(Of(b, launches))))
            .FirstOrDefault(r => r.Ratios.Count > 0);
        if (ratios.Ratios is null)
            return finding;
        var grew = ratios.Ratios.Where(r => r.CiLow > 1 || (r.BaseSeconds <= 0 && r.HeadSeconds > 0)).Select(r => r.Layer).ToHashSet();
        var shifts = LaunchAttribution.Shifts(ratios.Ratios).Where(s => grew.Contains(s.Layer)).ToArray();
        if (shifts.Length == 0)
            return finding;
        var said = ProfileAttribution.Describe(shifts).Replace("against the baseline's profile", "against base");
        return finding with { Message = $"{finding.Message} At batch {ratios.Batch}, {said}.", Attribution = shifts };
    }

    /// <summary>
    /// One launch: a fresh pair of processes (or the one already <paramref name="prepared"/> for this model), started in ABBA
    /// order over launches, measuring every batch size for <paramref name="seconds"/>; stopped when done.
    /// </summary>
    private IReadOnlyList<PairedBatch> MeasureLaunch(
        string model,
        IReadOnlyList<int> batches,
        double seconds,
        double bound,
        int index,
        SidePair? prepared
    )
    {
        using var pair = prepared ?? launch(index % 4 is 1 or 2);
        if (prepared is null)
            Concurrently.Run(() => pair.Head.Prepare(model), () => pair.Base.Prepare(model)); // both build and count the model, untimed
        return new PairedSampler(pair.Base, pair.Head, settings, progress).Measure(model, batches, seconds, bound);
    }

    /// <summary>The pooled verdict first, then each batch size's, then the wall clock's when it shows a slowdown CPU time does
    /// not (<see cref="PairedComparer.CompareOwnTime"/>).</summary>
    private Finding[] Judge(string model, IReadOnlyList<int> batches, IReadOnlyList<IReadOnlyList<PairedBatch>> launches)
    {
        var pooled = PairedComparer.CompareAll(model, launches, tolerances.ForModel(model), BaseName);
        var wall = PairedComparer.CompareOwnTime(model, launches, tolerances.ForModel(model), BaseName);
        return
        [
            pooled,
            .. batches.Select(b => PairedComparer.Compare(model, b, Of(b, launches), tolerances.For(model, b), BaseName, batches.Count)),
            .. wall is null ? Array.Empty<Finding>() : [wall],
        ];
    }

    /// <summary>One batch size in every launch, in launch order.</summary>
    private static IReadOnlyList<PairedBatch> Of(int batch, IReadOnlyList<IReadOnlyList<PairedBatch>> launches) =>
        launches.Select(l => l.First(p => p.Batch == batch)).ToArray();

    /// <summary>
    /// Counted metrics, head against base, exactly. A change fails unless the reviewer approved exactly head's counts in this
    /// pull request (the approved counts file matches head): then it is reported and passes.
    /// </summary>
    private IEnumerable<Finding> AgainstBaseCounts(
        string model,
        MeasurementResult baseCounts,
        MeasurementResult headCounts,
        bool countsApproved
    ) =>
        CountedComparer
            .Compare(model, CountedMetrics.From(baseCounts), CountedMetrics.From(headCounts), null, null)
            .Select(f =>
                f.Code == FindingCodes.CountedUnchanged
                    ? f with
                    {
                        Metric = "counted metrics against base",
                        Message =
                            $"kind, shapes, params, MACs, flops, otherFlops and bytes of all {headCounts.Layers.Count} layers are exactly "
                            + $"as at {BaseName}.",
                    }
                    : f with
                    {
                        Metric = $"{f.Metric} against base",
                        Verdict = countsApproved ? Verdict.Pass : Verdict.Fail,
                        ProposesBaseline = !countsApproved,
                        Message = countsApproved
                            ? $"changed against {BaseName}, as approved in the counts file: {f.Message}"
                            : $"changed against {BaseName} ({reference}'s merge-base): {f.Message} If intended, approve the received "
                                + $"counts.",
                    }
            );

    private static bool Knows(IMeasuringSide side, string model) =>
        side.Hello.Declared.Contains(model) || side.Hello.BuiltIn.Contains(model);

    /// <summary>Head's peak memory at a batch size: the median over the launches that measured it.</summary>
    private static MeasuredMemory? HeadMemory(IReadOnlyList<PairedBatch> launches) =>
        MeasuredMemory.Median(launches.Where(l => l.HeadMemory is not null).Select(l => l.HeadMemory!.Value), MeasuredMemory.CpuPeakRise);

    private static BatchResult HeadBatch(PairedBatch paired, SidePrepared head)
    {
        if (paired.Head.Count == 0)
            return BatchResult.OverBudget(paired.Batch, paired.Skipped ?? "not measured");
        var result = BatchSummary.From(
            paired.Batch,
            paired.Head,
            head.Counted.Flops + head.Counted.OtherFlops,
            head.CalibrationFlopsPerCall
        );
        if (paired.HeadProfile.Count == 0)
            return result;
        var plain = Statistics.SampleStatistics.Of(paired.Head.Select(r => r.ModelSeconds / r.ModelCalls).ToArray()).Median;
        return result with
        {
            Profile = LayerProfile.From(
                paired.Batch,
                paired.HeadProfile,
                head.Counted.Layers,
                Statistics.SampleStatistics.Of(result.CalibrationGflops).Median,
                plain
            ),
        };
    }

    private static void RequireRelease(IMeasuringSide side) =>
        side.Hello.Build.RequireRelease($" on the {side.Name} side", "build both sides with -c Release.");

    private void WriteReceivedCounts(MeasurementResult head, IReadOnlyList<Finding> findings)
    {
        var received = paths.CountsReceived(head.Model);
        if (
            findings.Any(f => f.File == paths.CountsVerified(head.Model) && f.Code is FindingCodes.CountedChanged or FindingCodes.NewCounts)
        )
            AtomicFile.Write(received, BaselineJson.Write(CountsBaseline.From(head)));
        else if (File.Exists(received))
            File.Delete(received);
    }
}
