using PerfGate.Core.Baselines;

namespace PerfGate.Core.Gate;

/// <summary>
/// What a verdict against a stored snapshot may claim, and on what evidence. The snapshot was measured at another moment, in
/// another process: on a shared machine the two moments differ by up to a quarter (seen: unchanged code read −25.2% and
/// +22.8%), far beyond what the rounds of one run show, so a regression or an improvement the stored comparison finds is only
/// a suspicion. It is decided side by side against the commit the snapshot was approved at (<see cref="Confirmed"/>); where
/// that cannot be measured, it stands only beyond the drift the snapshot allows (<see cref="Unconfirmed"/>).
/// </summary>
internal static class StoredEvidence
{
    /// <summary>The drift assumed between two runs when the snapshot has not learned its own: the largest seen on a shared
    /// machine (a new user's −25.2%, a rerun's +22.8%).</summary>
    public const double UnlearnedDrift = 0.25;

    /// <summary>Runs a snapshot needs before its own between-run spread is taken as its drift (approve --runs).</summary>
    public const int RunsToLearnDrift = 3;

    /// <summary>Whether the stored comparison claims a throughput change (a regression, or an improvement proposed as the new
    /// baseline) that must be confirmed before it decides.</summary>
    public static bool Suspects(ModelVerdict verdict) => verdict.Findings.Any(IsClaim);

    /// <summary>A batch size's claimed change: regressed (PG1002) or improved (PG1005) against the stored snapshot.</summary>
    public static bool IsClaim(Finding finding) =>
        finding.Batch is not null && finding.Code is FindingCodes.ThroughputRegressed or FindingCodes.ThroughputImproved;

    /// <summary>
    /// A model whose counts are approved but that has no throughput baseline for this device class yet (PG1004: a hosted
    /// runner's new CPU): its throughput is measured side by side against the commit its counts were approved at
    /// (<see cref="AgainstApproval"/>), so a regression that crept in since is caught on any runner.
    /// </summary>
    public static bool NewDeviceClass(ModelVerdict verdict) => verdict.Findings.Any(f => f.Code == FindingCodes.NewDevice);

    /// <summary>
    /// A new device class's verdict with <paramref name="paired"/>, this build measured side by side against
    /// <paramref name="commit"/> (where the counts were last approved): its throughput findings join the stored ones, so a
    /// slowdown since that approval fails; the received snapshot for this class is still proposed (NEW), for a reviewer.
    /// </summary>
    public static ModelVerdict AgainstApproval(ModelVerdict stored, ModelVerdict paired, string commit)
    {
        var sideBySide = SideBySide(
            paired,
            f =>
                f with
                {
                    Message =
                        $"{f.Message} Measured side by side against {GitCommit.Short(commit)}, the commit the counts were last approved "
                        + $"at, as {stored.DeviceClass} has no throughput baseline yet.",
                    ProposesBaseline = false,
                },
            f => f with { ProposesBaseline = false }
        );
        var findings = stored.Findings.Concat(sideBySide).ToArray();
        return stored with { Findings = findings, Verdict = ModelVerdict.Overall(findings.Select(f => f.Verdict)) };
    }

    /// <summary>
    /// The relative change a run may show against <paramref name="snapshot"/> with nothing changed: its own between-run
    /// spread when it was approved from <see cref="RunsToLearnDrift"/> runs or more (a quiet, dedicated runner learns a small
    /// one), else <see cref="UnlearnedDrift"/>; never below the threshold.
    /// </summary>
    public static double DriftBound(ThroughputSnapshot snapshot, Tolerance tolerance) =>
        snapshot.RunMedians.Length >= RunsToLearnDrift
            ? ThroughputComparer.EffectiveThreshold(snapshot, tolerance)
            : Math.Max(tolerance.ThroughputRegression, UnlearnedDrift);

    /// <summary>
    /// No side-by-side measurement could be made (<paramref name="why"/>): a claimed change stands only when it lies beyond the
    /// snapshot's drift bound, and says so; inside it, the batch is INCONCLUSIVE, proposes nothing and names no layer, and the
    /// message says what would decide it and the smallest change this verdict can see now.
    /// </summary>
    public static ModelVerdict Unconfirmed(ModelVerdict verdict, Baseline approved, ToleranceConfig tolerances, string why)
    {
        var findings = verdict
            .Findings.Select(f =>
            {
                if (!IsClaim(f) || !approved.Throughput.TryGetValue(f.Batch!.Value, out var snapshot))
                    return f;
                var bound = DriftBound(snapshot, tolerances.For(verdict.Model, f.Batch.Value));
                var runs = Math.Max(snapshot.RunMedians.Length, 1);
                var drift =
                    runs >= RunsToLearnDrift
                        ? $"the ±{Numbers.Percent(bound, signed: false)} its {runs} approved runs drifted between themselves"
                        : $"the ±{Numbers.Percent(bound, signed: false)} a baseline approved from {runs} run{(runs == 1 ? "" : "s")} may "
                            + "drift between runs on a shared machine";
                if (Math.Abs(f.Delta ?? 0) > bound)
                    return f with { Message = $"{f.Message} Not measured side by side ({why}); it stands: beyond {drift}." };
                return f with
                {
                    Code = FindingCodes.ThroughputInconclusive,
                    Verdict = Verdict.Inconclusive,
                    ProposesBaseline = false,
                    Attribution = null,
                    Message =
                        $"batch {f.Batch}: cannot decide from the stored baseline alone, {Numbers.Percent(f.Delta ?? 0)} lies within "
                        + $"{drift} (the smallest change this verdict can see now), and it was not measured side by side ({why}). "
                        + $"The stored comparison read: {f.Message}",
                };
            })
            .ToArray();
        return verdict with { Findings = findings, Verdict = ModelVerdict.Overall(findings.Select(f => f.Verdict)) };
    }

    /// <summary>
    /// The suspicion decided side by side: <paramref name="paired"/> measured this build against <paramref name="commit"/>, the
    /// commit the snapshot was approved at, in alternating launches. Its throughput findings replace the stored ones (the
    /// counted findings stay the stored gate's); the model-level finding says what the stored comparison suspected. A
    /// confirmed improvement proposes the received snapshot, a confirmed regression too (approving it accepts the slowdown);
    /// anything else proposes no new throughput baseline.
    /// </summary>
    public static ModelVerdict Confirmed(ModelVerdict stored, ModelVerdict paired, string commit)
    {
        var suspected = string.Join(
            ", ",
            stored.Findings.Where(IsClaim).Select(f => $"batch {f.Batch} {Numbers.Percent(f.Delta ?? 0)} ({f.Code})")
        );
        var sideBySide = SideBySide(
            paired,
            f =>
                f with
                {
                    Message =
                        $"{f.Message} Measured side by side against {GitCommit.Short(commit)}, the commit the baseline was last approved "
                        + $"at, because the stored comparison suspected {suspected}.",
                    ProposesBaseline = f.Code == FindingCodes.ThroughputImproved,
                    File = stored.VerifiedPath,
                },
            f => f with { File = stored.VerifiedPath }
        );
        var findings = stored.Findings.Where(f => !(f.Batch is not null && IsThroughput(f.Code))).Concat(sideBySide).ToArray();
        return stored with { Findings = findings, Verdict = ModelVerdict.Overall(findings.Select(f => f.Verdict)) };
    }

    /// <summary>The paired run's throughput findings against base: the pooled one through <paramref name="pooled"/>, each batch
    /// size's through <paramref name="perBatch"/>.</summary>
    private static Finding[] SideBySide(ModelVerdict paired, Func<Finding, Finding> pooled, Func<Finding, Finding> perBatch) =>
        paired
            .Findings.Where(f => IsThroughput(f.Code) && f.Metric.Contains("against base", StringComparison.Ordinal))
            .Select(f => f.Batch is null ? pooled(f) : perBatch(f))
            .ToArray();

    private static bool IsThroughput(string code) =>
        code
            is FindingCodes.ThroughputUnchanged
                or FindingCodes.ThroughputRegressed
                or FindingCodes.ThroughputInconclusive
                or FindingCodes.ThroughputImproved;
}
