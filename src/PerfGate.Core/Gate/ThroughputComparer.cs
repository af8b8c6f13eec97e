using PerfGate.Core.Baselines;
using PerfGate.Core.Measurements;
using Perfolizer.Mathematics.Multimodality;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace PerfGate.Core.Gate;

/// <summary>
/// Throughput at one batch size, on the calibration-normalized samples. A regression needs BOTH a drop of the median beyond
/// the threshold AND a one-sided Mann–Whitney U test significant at α (as asv and BenchmarkDotNet's statistical test do).
/// An improvement needs the same the other way and is proposed as a new baseline. Too few samples is inconclusive; so is a
/// current sample too spread out or bimodal, unless the evidence of a change is already conclusive.
/// A baseline approved from several runs knows how far an unchanged model drifts between runs on its machine; the threshold
/// is then at least that drift (<see cref="ThroughputSnapshot.RunSpread"/>), so the verdict never fails inside it, and the
/// threshold reported is the smallest slowdown this baseline can detect.
/// </summary>
internal static class ThroughputComparer
{
    public static Finding Compare(
        string model,
        int batch,
        ThroughputSnapshot baseline,
        BatchResult current,
        Tolerance tolerance,
        string? file = null,
        int line = 0
    )
    {
        var metric = $"batch {batch}: normalized throughput";
        var threshold = EffectiveThreshold(baseline, tolerance);
        Finding Make(string code, Verdict verdict, string message, double? delta = null, double? p = null) =>
            new(
                code,
                verdict,
                model,
                metric,
                baseline.NormalizedMedian,
                current.NormalizedThroughput?.Median,
                delta,
                threshold,
                p,
                message,
                file,
                line
            )
            {
                Batch = batch,
            };

        if (current.Skipped is not null)
            return Make(FindingCodes.ThroughputInconclusive, Verdict.Inconclusive, $"batch {batch}: not measured, {current.Skipped}");
        if (current.Error is not null)
            return Make(
                FindingCodes.BatchFailed,
                Verdict.Fail,
                $"batch {batch}: the measurement failed ({current.Error}); the baseline has "
                    + $"{Numbers.Fixed(baseline.ImagesPerSecMedian, 2)} images/s."
            );
        if (current.SampleCount < tolerance.MinSamples || baseline.NormalizedSamples.Length < tolerance.MinSamples)
            return Make(
                FindingCodes.ThroughputInconclusive,
                Verdict.Inconclusive,
                $"batch {batch}: too few samples to decide ({current.SampleCount} now, {baseline.NormalizedSamples.Length} approved; "
                    + $"need {tolerance.MinSamples}). Give the run more time ({Measurements.MeasureBudget.Option})."
            );

        var now = current.NormalizedThroughput!;
        var delta = now.Median / baseline.NormalizedMedian - 1;
        var slower = PValue(baseline.NormalizedSamples, current.NormalizedSamples, AlternativeHypothesis.Greater);
        var faster = PValue(baseline.NormalizedSamples, current.NormalizedSamples, AlternativeHypothesis.Less);
        var change =
            $"{Numbers.Fixed(baseline.NormalizedMedian, 4)} → {Numbers.Fixed(now.Median, 4)} ({Numbers.Percent(delta)}), raw "
            + $"{Numbers.Fixed(baseline.ImagesPerSecMedian, 2)} → {Numbers.Fixed(current.ImagesPerSec!.Median, 2)} images/s";

        var limit =
            threshold == tolerance.ThroughputRegression
                ? $"the {Numbers.Percent(-threshold)} threshold"
                : $"the {Numbers.Percent(-threshold)} threshold (the baseline's runs drifted "
                    + $"±{Numbers.Percent(threshold, signed: false)} between themselves)";
        var rawDelta = current.ImagesPerSec.Median / baseline.ImagesPerSecMedian - 1;
        if (
            (delta < -threshold && slower < tolerance.Alpha && rawDelta >= 0)
            || (delta > threshold && faster < tolerance.Alpha && rawDelta <= 0)
        )
            return Make(
                FindingCodes.ThroughputInconclusive,
                Verdict.Inconclusive,
                $"batch {batch}: cannot decide, normalized and raw throughput point in opposite directions ({change}, raw "
                    + $"{Numbers.Percent(rawDelta)}): the calibration GEMM ran at another speed against the model than at approval, so "
                    + $"the normalization, not the model, made the change.",
                delta,
                Math.Min(slower, faster)
            );
        if (delta < -threshold && slower < tolerance.Alpha)
            return Attributed(
                Make(
                    FindingCodes.ThroughputRegressed,
                    Verdict.Fail,
                    $"batch {batch}: normalized throughput {change}; beyond {limit}, p = {Numbers.Fixed(slower, 4)} < α = "
                        + $"{Numbers.Plain(tolerance.Alpha)}.",
                    delta,
                    slower
                ),
                baseline,
                current
            );
        if (delta > threshold && faster < tolerance.Alpha)
            return Make(
                FindingCodes.ThroughputImproved,
                Verdict.Pass,
                $"batch {batch}: improved, normalized throughput {change}, p = {Numbers.Fixed(faster, 4)}; approve the received baseline "
                    + $"to keep it.",
                delta,
                faster
            ) with
            {
                ProposesBaseline = true,
            };

        var why =
            now.RelativeHalfWidth > tolerance.MaxRelativeCi
                ? $"the current 95% CI is ±{Numbers.Percent(now.RelativeHalfWidth, signed: false)} wide (limit "
                    + $"±{Numbers.Percent(tolerance.MaxRelativeCi, signed: false)})"
            : Modality(current.NormalizedSamples) > 1 ? "the current samples are bimodal (the machine changed state during the run)"
            : null;
        var detectable = Math.Max(threshold, now.RelativeHalfWidth);
        return why is null
            ? Make(
                FindingCodes.ThroughputUnchanged,
                Verdict.Pass,
                $"batch {batch}: within {limit}, normalized throughput {change}.{DetectableLead}{Numbers.Percent(-detectable)} (the "
                    + $"threshold, or the current 95% CI's half-width when wider).",
                delta,
                Math.Min(slower, faster)
            )
            : Make(
                FindingCodes.ThroughputInconclusive,
                Verdict.Inconclusive,
                $"batch {batch}: cannot decide, {why}; normalized throughput {change}.",
                delta,
                Math.Min(slower, faster)
            );
    }

    /// <summary>A regression names the layers whose time grew beyond their own noise, when the baseline and this run were
    /// profiled; nothing else names a layer (<see cref="ProfileAttribution.Significant"/>).</summary>
    private static Finding Attributed(Finding finding, ThroughputSnapshot baseline, BatchResult current)
    {
        if (finding.Verdict != Verdict.Fail || baseline.Profile is not { } before || current.Profile is not { } now)
            return finding;
        var shifts = ProfileAttribution.Significant(before, now);
        if (shifts.Count == 0)
            return finding;
        var said = ProfileAttribution.Describe(shifts);
        return finding with { Message = $"{finding.Message} {char.ToUpperInvariant(said[0])}{said[1..]}.", Attribution = shifts };
    }

    /// <summary>How a pass states the smallest slowdown it can see, when the stored comparison decides alone.</summary>
    private const string DetectableLead = " The smallest slowdown this verdict can see here now: ";

    /// <summary>A pass's message without its statement of what it can see: for a verdict whose bound is set elsewhere
    /// (<see cref="StoredEvidence.Unconfirmed"/>).</summary>
    public static string WithoutDetectable(string message) =>
        message.IndexOf(DetectableLead, StringComparison.Ordinal) is var at and >= 0 ? message[..at] : message;

    /// <summary>The relative drop that fails: the configured threshold, or the baseline's own between-run drift when that is
    /// larger.</summary>
    public static double EffectiveThreshold(ThroughputSnapshot baseline, Tolerance tolerance) =>
        Math.Max(tolerance.ThroughputRegression, baseline.RunSpread);

    /// <summary>One-sided Mann–Whitney U p-value that <paramref name="baseline"/> is greater (or less) than <paramref
    /// name="current"/>.</summary>
    public static double PValue(double[] baseline, double[] current, AlternativeHypothesis alternative) =>
        MannWhitneyTest.Instance.Perform(new Sample(baseline), new Sample(current), alternative, Threshold.Zero).PValue.Value;

    private static int Modality(double[] samples) =>
        // Perfolizer's detector needs two different values; samples that are all equal have one mode.
        samples.Length < 10
        || samples.Distinct().Count() < 2
            ? 1
            : LowlandModalityDetector.Instance.DetectModes(new Sample(samples)).Modality;
}
