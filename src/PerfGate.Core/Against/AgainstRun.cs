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
public sealed class AgainstRun(BaselinePaths paths, ToleranceConfig tolerances, IMeasuringSide baseSide, IMeasuringSide head, string reference, string baseCommit,
    SamplerSettings settings, Action<string>? progress = null)
{
    private string BaseName => $"base {BaseBuild.Short(baseCommit)}";

    public ModelOutcome Check(string model, GateOptions options)
    {
        foreach (var side in new[] { baseSide, head }) RequireRelease(side);
        var approved = ApprovedBaselines.Read(paths, model, head.Hello.DeviceClass);
        var headPrepared = head.Prepare(model);
        var basePrepared = PrepareBase(model);
        var batches = options.Batches ?? approved.Throughput?.Value.Throughput.Keys.Order().ToArray() ?? headPrepared.DefaultBatches;

        var findings = new List<Finding>(GateEvaluator.CountedFindings(headPrepared.Counted, approved));
        var countsApproved = findings.Any(f => f.Code == FindingCodes.CountedUnchanged);
        IReadOnlyList<PairedBatch> paired = [];
        if (basePrepared is null)
            findings.Add(new Finding(FindingCodes.NewDevice, Verdict.New, model, "throughput against base", null, null, null, null, null,
                $"{model} does not exist at {BaseName} ({reference}'s merge-base): nothing to measure it against. Its counts are gated against the approved counts."));
        else
        {
            findings.AddRange(AgainstBaseCounts(model, basePrepared.Counted, headPrepared.Counted, countsApproved));
            paired = Measure(model, batches, options, findings, SameLibTorch(basePrepared.Counted, headPrepared.Counted));
        }

        var measurement = headPrepared.Counted with { Batches = paired.Select(p => HeadBatch(p, headPrepared)).ToArray() };
        measurement = measurement with { FlattensAtBatch = Flattening.Find(measurement.Batches.Select(b => (b.Batch, b.ImagesPerSec))) };
        var verdict = new ModelVerdict(model, head.Hello.DeviceClass, ModelVerdict.Overall(findings.Select(f => f.Verdict)), findings, approved.ThroughputPath);
        WriteReceivedCounts(measurement, findings);
        return new ModelOutcome(measurement, verdict, approved)
        {
            Against = new AgainstBase(reference, baseCommit, baseSide.Hello.PerfGateVersion, paired.Select(PairedSummary.Of).ToArray()),
        };
    }

    /// <summary>Measures, judges, and measures again the batches that look regressed (as much time again for those only).</summary>
    private IReadOnlyList<PairedBatch> Measure(string model, IReadOnlyList<int> batches, GateOptions options, List<Finding> findings, bool normalized)
    {
        if (!normalized) progress?.Invoke($"{model}: base and head run different TorchSharp or libtorch versions; comparing raw throughput (the calibration GEMM differs between them)");
        var sampler = new PairedSampler(baseSide, head, settings, normalized, progress);
        var paired = sampler.Measure(model, batches, options.MaxSeconds).ToList();
        var judged = paired.Select(p => PairedComparer.Compare(model, p, tolerances.For(model, p.Batch), BaseName)).ToList();
        var suspected = judged.Where(f => f.Code == FindingCodes.ThroughputRegressed).Select(f => f.Batch!.Value).ToArray();
        if (suspected.Length > 0)
        {
            progress?.Invoke($"{model}: batch {string.Join(", ", suspected)} looked slower than base; measuring again to confirm");
            foreach (var again in sampler.Measure(model, suspected, options.MaxSeconds))
            {
                var i = paired.FindIndex(p => p.Batch == again.Batch);
                var first = judged[i];
                var second = PairedComparer.Compare(model, again, tolerances.For(model, again.Batch), BaseName);
                judged[i] = second.Code == FindingCodes.ThroughputRegressed
                    ? second with { Message = second.Message + " Confirmed by a second measurement." }
                    : second with { Message = second.Message + $" (A first measurement looked slower, {Reports.Numbers.Percent(first.Delta ?? 0)}; the second did not confirm it.)" };
                paired[i] = again;
            }
        }
        findings.AddRange(judged);
        return paired;
    }

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

    /// <summary>The calibration GEMM is the same code on both sides: same kernel, TorchSharp and libtorch.</summary>
    private static bool SameLibTorch(MeasurementResult b, MeasurementResult h) =>
        b.Calibration == h.Calibration && b.Fingerprint.TorchSharpVersion == h.Fingerprint.TorchSharpVersion && b.Fingerprint.LibTorchVersion == h.Fingerprint.LibTorchVersion;

    private SidePrepared? PrepareBase(string model)
    {
        if (!baseSide.Hello.Declared.Contains(model) && !baseSide.Hello.BuiltIn.Contains(model)) return null;
        return baseSide.Prepare(model);
    }

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
