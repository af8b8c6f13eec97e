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
internal sealed class AgainstRun(
    BaselinePaths paths,
    ToleranceConfig tolerances,
    Func<bool, SidePair> launch,
    string reference,
    string baseCommit,
    SamplerSettings settings,
    Action<string>? progress = null
)
{
    private readonly LaunchScheduler _scheduler = new(launch, settings, progress);

    private string BaseName => $"base {GitCommit.Short(baseCommit)}";

    /// <summary>What head is (<see cref="GitRepository.DescribeHead"/>), said in the model's throughput finding.</summary>
    public string? Head { get; init; }

    public ModelOutcome Check(string model, GateOptions options)
    {
        var first = _scheduler.First(); // prepared here, measured in as the first launch (or stopped when there is nothing to measure)
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
            findings.AddRange(BaseCounts.Compare(model, basePrepared.Counted, headPrepared.Counted, countsApproved, BaseName, reference));
            launches = Measure(model, batches, options, findings, first);
        }

        var measurement = headPrepared.Counted with
        {
            Batches =
                launches.Count == 0
                    ? []
                    : batches
                        .Select(b =>
                            HeadBatch(PairedBatch.Join(b, PairedBatch.InEach(b, launches)), headPrepared) with
                            {
                                PeakMemory = HeadMemory(PairedBatch.InEach(b, launches)),
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
                launches.Count == 0 ? [] : batches.Select(b => PairedSummaries.Of(b, PairedBatch.InEach(b, launches))).ToArray()
            ),
        };
    }

    /// <summary>
    /// Measures launch after launch (<see cref="LaunchScheduler"/>) until the <see cref="StoppingRule"/> stops, judging all batch
    /// sizes pooled and each alone on the launch figures (<see cref="PairedComparer"/>). The pooled finding decides the model's
    /// throughput; a batch's own finding is reported when it fails (a regression at that batch size only); a regression names
    /// the layers whose time grew (<see cref="LaunchAttribution.Attributed"/>).
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
        var seconds = options.MaxSeconds / StoppingRule.PlannedLaunches;
        var rule = new StoppingRule();
        Finding[] judged = [];
        while (StoppingRule.MayLaunch(launches.Count))
        {
            var bound = MeasurePlan.Deadline(options.MaxSeconds);
            launches.Add(_scheduler.Measure(model, batches, seconds, bound, launches.Count, launches.Count == 0 ? prepared : null));
            if (!StoppingRule.Looks(launches.Count))
                continue;
            judged = Judge(model, batches, launches);
            var pooled = judged[0];
            progress?.Invoke(
                $"{model}: after {launches.Count} launches: {pooled.Code} {pooled.Verdict}, head {Numbers.Percent(pooled.Delta ?? 0)}"
            );
            if (rule.Stops(launches.Count, judged))
                break;
            if (rule.Overruns(launches.Count))
                progress?.Invoke(
                    $"{model}: not decided within the planned {StoppingRule.PlannedLaunches} launches; measuring more, up to "
                        + $"{StoppingRule.MaxLaunches}"
                );
        }
        if (judged.Length == 0)
            judged = Judge(model, batches, launches);
        judged[0] = rule.Confirmed(judged[0], launches.Count);
        findings.AddRange(
            judged
                .Where(f => f.Metric == PairedComparer.AllBatches || f.Verdict == Verdict.Fail)
                .Select(f => LaunchAttribution.Attributed(f, batches, launches))
                .Select(f =>
                    Head is null || f.Metric != PairedComparer.AllBatches ? f : f with { Message = f.Message + $" Head is {Head}." }
                )
        );
        findings.AddRange(
            MemoryComparer.AgainstBase(
                model,
                batches,
                b => PairedBatch.InEach(b, launches).Select(p => (p.BaseMemory, p.HeadMemory)).ToArray(),
                b => tolerances.For(model, b),
                BaseName
            )
        );
        return launches;
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
            .. batches.Select(b =>
                PairedComparer.Compare(model, b, PairedBatch.InEach(b, launches), tolerances.For(model, b), BaseName, batches.Count)
            ),
            .. wall is null ? Array.Empty<Finding>() : [wall],
        ];
    }

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

    private void WriteReceivedCounts(MeasurementResult head, IReadOnlyList<Finding> findings) =>
        ReceivedCounts.Update(
            paths,
            head,
            findings.Any(f => f.File == paths.CountsVerified(head.Model) && f.Code is FindingCodes.CountedChanged or FindingCodes.NewCounts)
        );
}
