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
    /// The relative change a run may show against <paramref name="snapshot"/> with nothing changed: the drift between two runs
    /// at different moments (the tolerance's <see cref="Tolerance.RunnerDrift"/> where the reviewer declared it for a quiet
    /// runner, else <see cref="UnlearnedDrift"/>), at least the spread of the snapshot's own launches and never below the
    /// threshold. Launches of one approval run back to back: their spread shows how processes differ, not how the machine's
    /// moments do (three launches approved on a quiet machine spread 2.4% where later runs beside a neighbour read −40 … +28%).
    /// </summary>
    public static double DriftBound(ThroughputSnapshot snapshot, Tolerance tolerance) =>
        Math.Max(ThroughputComparer.EffectiveThreshold(snapshot, tolerance), tolerance.RunnerDrift ?? UnlearnedDrift);

    /// <summary>Whether the stored comparison may decide a batch size alone: only on a runner declared quiet
    /// (<see cref="Tolerance.RunnerDrift"/>) whose bound is the threshold itself (its approved launches agree too).</summary>
    public static bool DecidesAlone(ThroughputSnapshot snapshot, Tolerance tolerance) =>
        tolerance.RunnerDrift is not null && DriftBound(snapshot, tolerance) <= tolerance.ThroughputRegression;

    /// <summary>
    /// The batch sizes whose stored throughput verdict cannot stand alone, unless the runner is declared quiet: every claimed
    /// change, and every other verdict whose drift bound is wider than the threshold. A slowdown smaller than the drift hides in
    /// a moment that runs faster (a 6% regression read +2.6% against a snapshot approved while a neighbour ran), so a pass
    /// needs the same evidence as a FAIL; a threshold as wide as the drift (a 25% one) passes alone.
    /// </summary>
    public static int[] Undecided(ModelVerdict verdict, Baseline approved, ToleranceConfig tolerances) =>
        verdict
            .Findings.Where(f =>
                f.Batch is { } batch
                && IsThroughput(f.Code)
                && approved.Throughput.TryGetValue(batch, out var snapshot)
                && tolerances.For(verdict.Model, batch) is var tolerance
                && (IsClaim(f) ? !DecidesAlone(snapshot, tolerance) : DriftBound(snapshot, tolerance) > tolerance.ThroughputRegression)
            )
            .Select(f => f.Batch!.Value)
            .Distinct()
            .Order()
            .ToArray();

    /// <summary>What the side-by-side measurement is for, from the stored findings: the changes it suspected, or what it read
    /// where it could see none.</summary>
    public static string Reason(ModelVerdict stored)
    {
        var claims = stored.Findings.Where(IsClaim).ToArray();
        string Read(IEnumerable<Finding> findings) =>
            string.Join(", ", findings.Select(f => $"batch {f.Batch} {Numbers.Percent(f.Delta ?? 0)} ({f.Code})"));
        return claims.Length > 0
            ? $"the stored comparison suspected {Read(claims)}"
            : $"the stored comparison read {Read(stored.Findings.Where(f => f.Batch is not null && IsThroughput(f.Code)))}, and a "
                + "change smaller than the drift between two moments hides in it";
    }

    /// <summary>
    /// No side-by-side measurement could be made (<paramref name="why"/>): each batch size the snapshot cannot decide alone is
    /// bounded by its drift, which becomes its threshold (the smallest change this verdict can see now). A claimed change stands
    /// only beyond it, and says so; inside it, the batch is INCONCLUSIVE, proposes nothing and names no layer. A pass says how
    /// large a slowdown may hide in it, and what would measure it side by side.
    /// </summary>
    public static ModelVerdict Unconfirmed(ModelVerdict verdict, Baseline approved, ToleranceConfig tolerances, string why)
    {
        var undecided = Undecided(verdict, approved, tolerances);
        var findings = verdict
            .Findings.Select(f =>
            {
                if (f.Batch is not { } batch || !undecided.Contains(batch) || !IsThroughput(f.Code))
                    return f;
                var snapshot = approved.Throughput[batch];
                var tolerance = tolerances.For(verdict.Model, batch);
                var bound = DriftBound(snapshot, tolerance);
                var drift = Drift(snapshot, tolerance, bound);
                f = f with { Threshold = bound };
                if (!IsClaim(f))
                    return f with
                    {
                        Message =
                            $"{ThroughputComparer.WithoutDetectable(f.Message)} Not measured side by side ({why}): a slowdown smaller "
                            + $"than {drift} can hide in this comparison; the smallest slowdown this verdict can see now: "
                            + $"{Numbers.Percent(-bound)}. {Decider}",
                    };
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
                        + $"{Decider} The stored comparison read: {f.Message}",
                };
            })
            .ToArray();
        return verdict with { Findings = findings, Verdict = ModelVerdict.Overall(findings.Select(f => f.Verdict)) };
    }

    /// <summary>What would let the gate decide within the drift.</summary>
    private const string Decider =
        "To measure it side by side, run in the project's git history with the baseline committed (not a shallow clone); on a "
        + "quiet, dedicated runner, declare its drift (runnerDrift in perfgate.tolerances.json).";

    /// <summary>Where the bound comes from: the approved launches' spread, the declared runner drift, the shared machine's
    /// assumed drift, or the threshold itself.</summary>
    private static string Drift(ThroughputSnapshot snapshot, Tolerance tolerance, double bound)
    {
        var text = $"±{Numbers.Percent(bound, signed: false)}";
        if (snapshot.RunSpread >= bound)
            return $"the {text} its {snapshot.RunMedians.Length} approved runs drifted between themselves";
        if (tolerance.RunnerDrift is { } declared)
            return declared >= bound ? $"the {text} drift declared for this runner (runnerDrift)" : $"the {text} threshold";
        return UnlearnedDrift >= bound
            ? $"the {text} a run may drift from the approval's moment on a shared machine"
            : $"the {text} threshold";
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
        var sideBySide = SideBySide(
            paired,
            f =>
                f with
                {
                    Message =
                        $"{f.Message} Measured side by side against {GitCommit.Short(commit)}, the commit the baseline was last approved "
                        + $"at, because {Reason(stored)}.",
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
