namespace PerfGate.Core.Gate;

/// <summary>The gate's decision for one model on one device class, with every finding behind it.</summary>
internal sealed record ModelVerdict(string Model, string DeviceClass, Verdict Verdict, IReadOnlyList<Finding> Findings, string VerifiedPath)
{
    /// <summary>Whether the current figures should be written as the received (candidate) baseline for a reviewer.</summary>
    public bool ProposesBaseline =>
        (!ProposesOnlyByFindings && Verdict is Verdict.New or Verdict.Fail) || Findings.Any(f => f.ProposesBaseline);

    /// <summary>Where the time went at the largest profiled batch size of the run judged (information, never gated).</summary>
    public Measurements.LayerProfile? Profile { get; init; }

    /// <summary>Only findings propose a baseline (A/B: a throughput regression against base leaves nothing to approve).</summary>
    public bool ProposesOnlyByFindings { get; init; }

    /// <summary>Batch sizes whose throughput looks regressed: re-measured before the gate fails.</summary>
    public IReadOnlyList<int> SuspectedBatches =>
        Findings.Where(f => f.Code is FindingCodes.ThroughputRegressed && f.Batch is not null).Select(f => f.Batch!.Value).ToArray();

    public static Verdict Overall(IEnumerable<Verdict> verdicts)
    {
        var all = verdicts.ToArray();
        return all.Contains(Verdict.Fail) ? Verdict.Fail
            : all.Contains(Verdict.Inconclusive) ? Verdict.Inconclusive
            : all.Contains(Verdict.New) ? Verdict.New
            : Verdict.Pass;
    }
}
