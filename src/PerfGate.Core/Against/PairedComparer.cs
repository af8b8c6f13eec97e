using PerfGate.Core.Gate;

namespace PerfGate.Core.Against;

/// <summary>
/// Head against base, judged on launches (<see cref="LaunchEstimate"/>): each launch pair's median ln(head ÷ base) is one
/// figure, and Student's t over those figures gives both the 95% CI and the one-sided p-values, so the interval and the test
/// always agree. FAIL needs the mean beyond −<see cref="Tolerance.AgainstBaseRegression"/> AND head significantly slower at
/// α; "faster" (PG1005) needs the same evidence the other way: faster is a claim too. PASS needs the interval's lower end
/// above −threshold: no slowdown beyond the threshold fits in it. When the launches disagree among themselves (their spread
/// far beyond what their rounds explain) neither claim is made unless every launch lies beyond the threshold on the same
/// side; the finding is INCONCLUSIVE with that reason.
/// Same codes as the stored-baseline verdict (PG1000, PG1002, PG1003, PG1005).
/// <para>
/// The model's verdict pools every batch size's rounds within each launch (<see cref="CompareAll"/>): a slower forward pass
/// shows at every batch. A batch is also judged alone (<see cref="Compare"/>) on its own launch figures, so that a
/// regression at one batch size only still fails, and never on evidence the launch-level analysis would not show.
/// </para>
/// </summary>
internal static class PairedComparer
{
    public const string AllBatches = "throughput against base, all batches";

    /// <summary>Launches needed before any decision: with fewer, one pair of processes' offset decides.</summary>
    public const int MinLaunches = 3;

    /// <param name="launches">This batch size in every launch so far, in launch order.</param>
    /// <param name="batchSizes">
    /// How many batch sizes are judged alone beside the pooled verdict: α is shared among them (Bonferroni), so that a run of
    /// unchanged code does not fail on whichever of its batch sizes happened to stray (seen: an A/A run beside a neighbour
    /// failed at batch 16 alone, −5.1%, p = 0.0071, its pooled figure passing).
    /// </param>
    public static Finding Compare(
        string model,
        int batch,
        IReadOnlyList<PairedBatch> launches,
        Tolerance tolerance,
        string baseName,
        int batchSizes = 1
    )
    {
        var alpha =
            batchSizes > 1
                ? $"{Numbers.Fixed(tolerance.Alpha / batchSizes, 4)} ({Numbers.Plain(tolerance.Alpha)} shared by {batchSizes} batch sizes)"
                : null;
        tolerance = tolerance with { Alpha = tolerance.Alpha / Math.Max(batchSizes, 1) };
        var what = $"batch {batch}";
        var metric = $"{what}: throughput against base";
        var joined = PairedBatch.Join(batch, launches);
        if (joined.Rounds == 0)
            return Undecided(model, metric, tolerance, $"{what}: not measured against base, {joined.Skipped ?? "no rounds"}.") with
            {
                Batch = batch,
            };
        var (baseIps, headIps) = (joined.MedianImagesPerSec(joined.Base), joined.MedianImagesPerSec(joined.Head));
        var images = $"; {Numbers.Fixed(baseIps, 2)} → {Numbers.Fixed(headIps, 2)} images/s";
        return Judge(
            model,
            metric,
            what,
            PairedBatch.LaunchLogRatios(launches),
            tolerance,
            baseName,
            $"{images}; on {PairedBatch.ClockOf(launches)}",
            alpha
        ) with
        {
            Batch = batch,
            Baseline = baseIps,
            Current = headIps,
        };
    }

    /// <param name="launches">Per launch, every batch size measured in it.</param>
    public static Finding CompareAll(string model, IReadOnlyList<IReadOnlyList<PairedBatch>> launches, Tolerance tolerance, string baseName)
    {
        var batches = launches.SelectMany(l => l).Where(p => p.Rounds > 0).Select(p => p.Batch).Distinct().Order().ToArray();
        if (batches.Length == 0)
            return Undecided(
                model,
                AllBatches,
                tolerance,
                $"no batch size was measured against base; give the run more time ({Measurements.MeasureBudget.Option})."
            );
        var perBatch = string.Join(
            ", ",
            batches.Select(b =>
            {
                var estimate = LaunchEstimate.Of(
                    PairedBatch.LaunchLogRatios(
                        launches.Select(l => (IReadOnlyList<PairedBatch>)l.Where(p => p.Batch == b).ToArray()).ToArray()
                    )
                );
                return $"batch {b} {Numbers.Percent(Math.Exp(estimate?.Mean ?? 0) - 1)}";
            })
        );
        return Judge(
            model,
            AllBatches,
            "all batches",
            PairedBatch.LaunchLogRatios(launches),
            tolerance,
            baseName,
            $"; {perBatch}; on {PairedBatch.ClockOf(launches.SelectMany(l => l))}"
        );
    }

    public const string AllBatchesOwnTime = "throughput against base, all batches, own time";

    /// <summary>
    /// The pass's own time, judged beside a verdict on CPU time: a forward pass that waits (a lock, a synchronous write, a
    /// sleep, a wait on another thread) costs wall time and no CPU time, so the CPU-time verdict cannot see it (seen: a head
    /// blocking 1 ms per pass read −20.6% on the wall clock and passed, −1.1%, on CPU time). The raw wall clock would also
    /// count a neighbour's share of the CPU, which is why the verdict left it; the own time is the wall clock less the time
    /// the thread waited for a CPU (<see cref="PairedBatch.OwnLogRatios"/>), so a neighbour's share is gone and a wait stays.
    /// Its launch figures are judged as the CPU-time ones are, at half of α (two pooled verdicts share it); only a slowdown
    /// beyond the threshold and beyond the CPU-time figure by more than the threshold is claimed, with both clocks' figures
    /// (a pass that only computes more is the CPU-time verdict's). Null when the verdict is on the wall clock already, when a
    /// round lacks the delay (another OS, an older PerfGate on a side), or when the own time shows no regression.
    /// </summary>
    public static Finding? CompareOwnTime(
        string model,
        IReadOnlyList<IReadOnlyList<PairedBatch>> launches,
        Tolerance tolerance,
        string baseName
    )
    {
        var measured = launches.SelectMany(l => l).Where(p => p.Rounds > 0).ToArray();
        if (!PairedBatch.OnCpuTime(measured) || !measured.All(p => p.HasOwnTime))
            return null;
        var cpu = LaunchEstimate.Of(PairedBatch.LaunchLogRatios(launches));
        var cpuChange = Numbers.Percent(Math.Exp(cpu?.Mean ?? 0) - 1);
        var judged = Judge(
            model,
            AllBatchesOwnTime,
            "all batches on the wall clock",
            launches.Select(l => l.SelectMany(p => p.OwnLogRatios()).ToArray()).ToArray(),
            tolerance with
            {
                Alpha = tolerance.Alpha / 2,
            },
            baseName,
            $"; on the wall clock less the time the thread waited for a CPU, where CPU time reads {cpuChange}",
            $"{Numbers.Fixed(tolerance.Alpha / 2, 4)} (half of {Numbers.Plain(tolerance.Alpha)}, shared with the CPU-time verdict)"
        );
        // Claimed only beyond what CPU time shows: a pass that computes more is the CPU-time verdict's to judge.
        var beyondCpu = judged.Delta is { } own && Math.Log(1 + own) < (cpu?.Mean ?? 0) + Limit(tolerance);
        return judged.Code != FindingCodes.ThroughputRegressed || !beyondCpu
            ? null
            : judged with
            {
                Message =
                    $"{judged.Message} The pass lost more time than its CPU time shows: it spends time waiting (a lock, a synchronous "
                    + "write, a sleep, another thread) that the CPU-time verdict cannot see.",
            };
    }

    private static Finding Judge(
        string model,
        string metric,
        string what,
        IReadOnlyList<double[]> launches,
        Tolerance tolerance,
        string baseName,
        string detail,
        string? alphaText = null
    )
    {
        var threshold = tolerance.AgainstBaseRegression;
        Finding Make(string code, Verdict verdict, string message, double? delta = null, double? p = null) =>
            new(code, verdict, model, metric, null, null, delta, threshold, p, message);
        var estimate = LaunchEstimate.Of(launches);
        if (estimate is null || estimate.Launches < MinLaunches)
            return Undecided(
                model,
                metric,
                tolerance,
                $"{what}: too few launches against base to decide ({estimate?.Launches ?? launches.Count(l => l.Length > 0)}; need "
                    + $"{MinLaunches}). Give the run more time ({Measurements.MeasureBudget.Option})."
            );

        var delta = Math.Exp(estimate.Mean) - 1;
        var limit = Limit(tolerance);
        var change =
            $"head {Numbers.Percent(delta)} against {baseName} (95% CI {Numbers.Percent(Math.Exp(estimate.CiLow) - 1)} … "
            + $"{Numbers.Percent(Math.Exp(estimate.CiHigh) - 1)} "
            + $"over {estimate.Launches} launches, {estimate.Rounds} ABBA round pairs{detail})";
        var disagreement =
            $"the launches disagree: their spread is {Numbers.Fixed(estimate.SpreadRatio, 1)}× what their rounds explain (launches from "
            + $"{Numbers.Percent(Math.Exp(estimate.Lowest) - 1)} to {Numbers.Percent(Math.Exp(estimate.Highest) - 1)}: each pair of "
            + $"processes carries an offset of its own)";

        if (estimate.Mean < limit && estimate.PSlower < tolerance.Alpha && (!estimate.LaunchesDisagree || estimate.Highest < limit))
            return Make(
                FindingCodes.ThroughputRegressed,
                Verdict.Fail,
                $"{what}: slower, {change}; beyond the {Numbers.Percent(-threshold)} threshold, launch-level t-test p = "
                    + $"{Numbers.Fixed(estimate.PSlower, 4)} < α = {alphaText ?? Numbers.Plain(tolerance.Alpha)}.",
                delta,
                estimate.PSlower
            );
        if (estimate.Mean > -limit && estimate.PFaster < tolerance.Alpha && (!estimate.LaunchesDisagree || estimate.Lowest > -limit))
            return Make(
                FindingCodes.ThroughputImproved,
                Verdict.Pass,
                $"{what}: faster, {change}, launch-level t-test p = {Numbers.Fixed(estimate.PFaster, 4)}.",
                delta,
                estimate.PFaster
            );
        // A gate against regressions passes once no slowdown beyond the threshold fits in the interval: a wide upper side (head
        // perhaps faster, not significantly) is no reason to withhold the pass. Seen: unchanged code measured side by side read
        // +0.8% (95% CI −1.6% … +3.2%) and was INCONCLUSIVE for the 0.2% past +3%.
        if (estimate.CiLow >= limit)
            return Make(
                FindingCodes.ThroughputUnchanged,
                Verdict.Pass,
                estimate.CiHigh <= -limit
                    ? $"{what}: within the ±{Numbers.Percent(threshold, signed: false)} threshold, {change}."
                    : $"{what}: not slower beyond the {Numbers.Percent(-threshold)} threshold, {change}.",
                delta,
                Math.Min(estimate.PSlower, estimate.PFaster)
            );
        var why = estimate.LaunchesDisagree ? disagreement : $"the 95% CI reaches past the {Numbers.Percent(-threshold)} threshold";
        return Make(
            FindingCodes.ThroughputInconclusive,
            Verdict.Inconclusive,
            $"{what}: cannot decide, {why}; {change}. Give the run more time ({Measurements.MeasureBudget.Option}).",
            delta,
            Math.Min(estimate.PSlower, estimate.PFaster)
        );
    }

    /// <summary>The threshold as a log-ratio: a launch or mean below it is slower than the tolerance allows.</summary>
    public static double Limit(Tolerance tolerance) => Math.Log(1 - tolerance.AgainstBaseRegression);

    private static Finding Undecided(string model, string metric, Tolerance tolerance, string message) =>
        new(
            FindingCodes.ThroughputInconclusive,
            Verdict.Inconclusive,
            model,
            metric,
            null,
            null,
            null,
            tolerance.AgainstBaseRegression,
            null,
            message
        );
}
