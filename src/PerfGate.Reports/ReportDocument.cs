using System.Globalization;
using PerfGate.Core;
using PerfGate.Core.Flops;
using PerfGate.Core.Gate;
using PerfGate.Core.Slope;
using PerfGate.Core.Statistics;
using PerfGate.Core.Text;

namespace PerfGate.Reports;

/// <summary>
/// The content of the report, as blocks: per model a summary, images/sec against batch size with baseline, current, delta,
/// threshold, p-value and verdict, efficiency, the per-layer FLOP table (conv/GEMM FLOPs apart from the rest, like the talk's
/// "Sgemm fp_ops" against "total fp_ops"), and the slope table when there is one.
/// </summary>
internal static class ReportDocument
{
    public static IReadOnlyList<ReportBlock> Build(IReadOnlyList<ModelReport> models, SlopeReport? slope, string? approveCommand)
    {
        var blocks = new List<ReportBlock> { new Heading(1, "PerfGate report") };
        var overall = models.Where(m => m.Verdict is not null).Select(m => m.Verdict!.Verdict).ToArray();
        if (overall.Length > 0)
            blocks.Add(new Paragraph($"Overall verdict: **{ModelVerdict.Overall(overall).ToString().ToUpperInvariant()}**."));
        foreach (var model in models)
            blocks.AddRange(Model(model));
        if (slope is not null)
            blocks.AddRange(Slope(slope));
        if (approveCommand is not null && models.Any(m => m.Verdict?.ProposesBaseline == true))
            blocks.Add(
                new Paragraph(
                    $"Received baselines were written. If the changes are intended, approve them with `{approveCommand}` and commit the "
                        + $"`.verified.json` files."
                )
            );
        return blocks;
    }

    public static string ThroughputChart(string model) => $"{model}.throughput";

    public static string EfficiencyChart(string model) => $"{model}.efficiency";

    public static string AgainstBaseChart(string model) => $"{model}.against-base";

    public static string LayersChart(string model) => $"{model}.layers";

    public static string MemoryChart(string model) => $"{model}.memory";

    /// <summary>Memory against batch size, beside images/sec against batch size: measured, approved, and counted (the counted
    /// peak of activations per example times the batch size, the exact figure the counted gate holds).</summary>
    private static IEnumerable<ReportBlock> Memory(ModelReport r)
    {
        var measured = r.Current.Batches.Where(b => b.PeakMemory is not null).ToArray();
        if (measured.Length == 0)
            yield break;
        var perExample = Core.Flops.MemoryCount.Of(r.Current.Layers).PeakActivationBytes;
        yield return new Heading(3, "Memory");
        var fits = r.Current.Capacity?.LargestBatch(r.Current.Layers) is { } largest
            ? $" {char.ToUpperInvariant(largest[0])}{largest[1..]}."
            : "";
        yield return new Paragraph($"Measured: {measured[0].PeakMemory!.Source}. Counted: the peak of activations alive at once.{fits}");
        yield return new Table(
            ["batch", "measured peak", "approved", "counted activations"],
            measured
                .Select(b =>
                    new[]
                    {
                        b.Batch.ToString(CultureInfo.InvariantCulture),
                        Numbers.Size(b.PeakMemory!.Bytes),
                        r.Baseline?.Throughput.GetValueOrDefault(b.Batch)?.PeakMemory is { } approved ? Numbers.Size(approved.Bytes) : "",
                        perExample is { } counted ? Numbers.Size(counted * b.Batch) : "",
                    }
                )
                .ToArray()
        );
        yield return new Image($"{r.Model}: memory per batch size", MemoryChart(r.Model) + ".svg");
    }

    private static IEnumerable<ReportBlock> Model(ModelReport r)
    {
        var c = r.Current;
        var f = c.Fingerprint;
        yield return new Heading(2, $"{r.Model} on {f.Class}" + (r.Verdict is { } v ? $": {v.Verdict.ToString().ToUpperInvariant()}" : ""));
        yield return new Paragraph(
            $"{f.Processor}, {f.LogicalCores} logical cores, {f.Threads} thread(s), "
                + $"{f.Device}{(f.GpuName is null ? "" : $" ({f.GpuName})")}; TorchSharp {f.TorchSharpVersion}, libtorch "
                + $"{f.LibTorchVersion}. "
                + $"Per image: {Numbers.Count(c.Flops)} conv/GEMM FLOPs + {Numbers.Count(c.OtherFlops)} other FLOPs = "
                + $"{Numbers.Scientific(c.Flops + c.OtherFlops)} total; {Numbers.Count(c.Params)} params. "
                + (c.FlattensAtBatch is { } flat ? $"Throughput flattens at batch {flat}." : "No batch size could be measured.")
        );

        yield return new Heading(3, "Images/sec against batch size");
        yield return new Table(
            [
                "batch",
                "baseline images/s",
                "current images/s",
                "95% CI",
                "baseline normalized",
                "current normalized",
                "delta",
                "threshold",
                "p-value",
                "verdict",
            ],
            c.Batches.Select(b =>
                {
                    var approved = r.Baseline?.Throughput.GetValueOrDefault(b.Batch);
                    var finding = r.FindingFor(b.Batch);
                    return new[]
                    {
                        b.Batch.ToString(CultureInfo.InvariantCulture),
                        approved is null ? "" : Numbers.Fixed(approved.ImagesPerSecMedian, 2),
                        b.ImagesPerSec is { } ips ? Numbers.Fixed(ips.Median, 2) : b.Error ?? b.Skipped ?? "",
                        b.ImagesPerSec is { } ci ? $"{Numbers.Fixed(ci.CiLow, 2)} to {Numbers.Fixed(ci.CiHigh, 2)}" : "",
                        approved is null ? "" : Numbers.Fixed(approved.NormalizedMedian, 4),
                        b.NormalizedThroughput is { } n ? Numbers.Fixed(n.Median, 4) : "",
                        finding?.Delta is { } d ? Numbers.Percent(d) : "",
                        finding?.Threshold is { } t ? Numbers.Percent(-t) : "",
                        finding?.PValue is { } p ? Numbers.Fixed(p, 4) : "",
                        finding is null ? (r.Baseline is null ? "NEW" : "") : finding.Verdict.ToString().ToUpperInvariant(),
                    };
                })
                .ToArray()
        );
        yield return new Image($"{r.Model}: images/sec against batch size", ThroughputChart(r.Model) + ".svg");

        if (r.Against is { } against)
        {
            yield return new Heading(
                3,
                $"Head against base {Core.GitCommit.Short(against.Commit)} ({against.Reference}'s merge-base), measured alternately in "
                    + $"this run"
            );
            yield return new Table(
                ["batch", "ABBA round pairs", "head ÷ base (median)", "95% CI"],
                against
                    .Batches.Select(b =>
                        new[]
                        {
                            b.Batch.ToString(CultureInfo.InvariantCulture),
                            b.Rounds.ToString(CultureInfo.InvariantCulture),
                            b.Ratio is { } ratio ? Numbers.Percent(ratio - 1) : b.Skipped ?? "",
                            b.CiLow is { } low && b.CiHigh is { } high ? $"{Numbers.Percent(low - 1)} to {Numbers.Percent(high - 1)}" : "",
                        }
                    )
                    .ToArray()
            );
            yield return new Image($"{r.Model}: head ÷ base throughput per batch size", AgainstBaseChart(r.Model) + ".svg");
            if (r.LayersAgainstBase is { } layers)
            {
                yield return new Heading(3, $"Time per layer, head against base (batch {layers.Batch})");
                yield return new Paragraph(
                    "From profile pairs (one forward pass timed layer by layer on each side, next to each other, between the rounds); "
                        + "head ÷ base per layer at the level of launches like the verdict. The last row is the time outside every layer."
                );
                yield return new Table(
                    ["layer", "base ms", "head ms", "head ÷ base", "95% CI"],
                    layers
                        .Layers.Select(l =>
                            new[]
                            {
                                l.Layer,
                                Numbers.Fixed(l.BaseSeconds * 1e3, 3),
                                Numbers.Fixed(l.HeadSeconds * 1e3, 3),
                                l.Change is { } change ? Numbers.Percent(change) : "new",
                                l.CiLow is { } low && l.CiHigh is { } high
                                    ? $"{Numbers.Percent(low - 1)} to {Numbers.Percent(high - 1)}"
                                    : "",
                            }
                        )
                        .ToArray()
                );
                yield return new Image($"{r.Model}: time per layer, head against base", LayersChart(r.Model) + ".svg");
            }
        }

        foreach (var block in Memory(r))
            yield return block;

        yield return new Heading(3, "Efficiency");
        yield return new Table(
            ["batch", "achieved GFLOP/s", "calibration GFLOP/s (median)", "efficiency"],
            c.Batches.Where(b => b.HasFigures)
                .Select(b =>
                    new[]
                    {
                        b.Batch.ToString(CultureInfo.InvariantCulture),
                        Numbers.Fixed(b.AchievedGflops ?? 0, 2),
                        Numbers.Fixed(SampleStatistics.Of(b.CalibrationGflops).Median, 1),
                        Numbers.Percent(b.Efficiency ?? 0, signed: false),
                    }
                )
                .ToArray()
        );
        yield return new Image($"{r.Model}: efficiency per batch size", EfficiencyChart(r.Model) + ".svg");

        if (r.Profile is { } profiled && r.LayersAgainstBase is null)
        {
            var (now, before) = profiled;
            var approved = before?.Layers.ToDictionary(l => l.Layer, l => l.Seconds.Median) ?? [];
            yield return new Heading(3, $"Where the time goes (batch {now.Batch})");
            yield return new Paragraph(
                $"{now.Rounds} profile rounds, alternated with the throughput rounds: the profiled forward pass took "
                    + $"{Numbers.Fixed(now.ForwardSeconds.Median * 1e3, 3)} ms, "
                    + $"the plain one beside it {Numbers.Fixed(now.UnprofiledSeconds * 1e3, 3)} ms. The last row is the time no leaf "
                    + $"layer accounts for (a parent's own arithmetic, a residual add, an inserted op)."
                    + (
                        before is null
                            ? ""
                            : " Baseline: the approved baseline's profile of this batch size (another run, perhaps another day; its "
                                + "times as measured there)."
                    )
            );
            yield return new Table(
                before is null
                    ? ["layer", "kind", "ms per batch", "95% CI", "share", "GFLOP/s", "vs GEMM"]
                    : ["layer", "kind", "ms per batch", "95% CI", "share", "GFLOP/s", "vs GEMM", "baseline ms", "change"],
                now.Layers.Select(l =>
                        ProfileText
                            .Cells(l, " to ")
                            .Concat(
                                before is null ? []
                                : approved.TryGetValue(l.Layer, out var b)
                                    ? [Numbers.Fixed(b * 1e3, 3), b > 0 ? Numbers.Percent(l.Seconds.Median / b - 1) : ""]
                                : ["", "new"]
                            )
                            .ToArray()
                    )
                    .ToArray()
            );
            yield return new Image($"{r.Model}: time per layer, batch {now.Batch}", LayersChart(r.Model) + ".svg");
        }

        yield return new Heading(3, "FLOPs per layer (one image)");
        var rows = c
            .Layers.Select(l =>
                new[]
                {
                    l.Name,
                    l.Kind,
                    Shape.Format(l.OutputShape),
                    Numbers.Count(l.Params),
                    Numbers.Count(l.Flops),
                    Numbers.Count(l.OtherFlops),
                }
            )
            .ToList();
        rows.Add(["total", "", "", Numbers.Count(c.Params), Numbers.Count(c.Flops), Numbers.Count(c.OtherFlops)]);
        yield return new Table(["layer", "kind", "output", "params", "conv/GEMM FLOPs", "other FLOPs"], rows);
        var unknown = c.Layers.Where(l => l.Unknown).Select(l => $"{l.Name} ({l.Kind})").ToArray();
        if (unknown.Length > 0)
            yield return new Paragraph($"Not counted (unknown layer types): {string.Join(", ", unknown)}.");
    }

    private static IEnumerable<ReportBlock> Slope(SlopeReport slope)
    {
        yield return new Heading(2, $"Slope check ({slope.Model}, batch {slope.Batch}, {slope.Threads} thread(s))");
        yield return new Paragraph(
            $"Per added affine(4096) layer, per image, each slope divided by its expected value: params "
                + $"{Numbers.Count(slope.Expected.Params)}, flops {Numbers.Count(slope.Expected.Flops)}, other flops "
                + $"{Numbers.Count(slope.Expected.OtherFlops)}."
        );
        yield return new Table(
            SlopeText.Headers,
            slope.Segments.Select(s => SlopeText.Cells(s, $"{s.FromLayers} to {s.ToLayers}")).ToArray()
        );
    }
}
