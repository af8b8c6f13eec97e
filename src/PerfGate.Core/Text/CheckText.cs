using PerfGate.Core.Gate;

namespace PerfGate.Core.Text;

/// <summary>The human table and the Markdown summary of a <see cref="CheckVerdicts"/>.</summary>
internal static class CheckText
{
    private static readonly string[] Headers = ["model", "metric", "baseline", "current", "delta", "threshold", "p-value", "verdict"];

    public static string Render(CheckVerdicts verdicts)
    {
        var table = new TextTable(Headers);
        foreach (var (model, f) in Rows(verdicts))
            table.Add(Cells(model, f));
        var text = $"{table}\n";
        foreach (var f in verdicts.Models.SelectMany(m => m.Findings).Where(f => f.Verdict != Verdict.Pass || f.ProposesBaseline))
            text += $"{Where(f)}{f.Code} {f.Verdict.ToString().ToUpperInvariant()}: {f.Model} {f.Message}\n";
        foreach (var m in verdicts.Models.Where(m => m.Profile is not null))
            text +=
                WhereTheTimeGoes(m.Model, m.Profile!)
                + "\n"
                + (Measurements.UncountedTime.Warning(m.Model, m.Profile!) is { } uncounted ? uncounted + "\n" : "");
        return text + Footer(verdicts);
    }

    public static string Markdown(CheckVerdicts verdicts)
    {
        var md =
            $"## PerfGate: {verdicts.Verdict.ToString().ToUpperInvariant()}\n\n| {string.Join(" | ", Headers)} "
            + $"|\n|{string.Concat(Enumerable.Repeat("---|", Headers.Length))}\n";
        foreach (var (model, f) in Rows(verdicts))
            md += $"| {string.Join(" | ", Cells(model, f).Select(c => c.Replace("|", "\\|")))} |\n";
        var notes = verdicts.Models.SelectMany(m => m.Findings).Where(f => f.Verdict != Verdict.Pass || f.ProposesBaseline).ToArray();
        if (notes.Length > 0)
            md += "\n" + string.Concat(notes.Select(f => $"- **{f.Code}** {f.Model}: {f.Message}\n"));
        foreach (var m in verdicts.Models.Where(m => m.Profile is not null))
        {
            var p = m.Profile!;
            md +=
                $"\n<details><summary>{WhereTheTimeGoes(m.Model, p)}</summary>\n\n| layer | kind | ms per batch | share | GFLOP/s | vs "
                + $"GEMM |\n|---|---|---|---|---|---|\n"
                + string.Concat(p.Layers.Select(l => $"| {string.Join(" | ", ProfileText.Cells(l, null))} |\n"))
                + "\n</details>\n";
        }
        return md + "\n" + Footer(verdicts).Replace(verdicts.ApproveCommand, $"`{verdicts.ApproveCommand}`");
    }

    /// <summary>"alexnet, batch 32: conv2 18%, conv4 15%, affine1 11%, outside layers 1%": the largest shares and the time outside the
    /// layers.</summary>
    public static string WhereTheTimeGoes(string model, Measurements.LayerProfile profile)
    {
        var outside = profile.Layers.Single(l => l.Layer == Measurements.LayerProfile.OutsideLayers);
        var largest = profile.Layers.Where(l => l != outside).OrderByDescending(l => l.Share).Take(4);
        return $"{model}, batch {profile.Batch}, where the time goes: "
            + string.Join(", ", largest.Select(l => $"{l.Layer} {Numbers.Percent(l.Share, signed: false)}"))
            + $", outside layers {Numbers.Percent(outside.Share, signed: false)}";
    }

    private static IEnumerable<(string, Finding)> Rows(CheckVerdicts verdicts) =>
        verdicts.Models.SelectMany(m => m.Findings.Select(f => (m.Model, f)));

    private static string[] Cells(string model, Finding f) =>
        [
            model,
            f.Metric,
            Value(f.Baseline),
            Value(f.Current),
            f.Delta is { } d ? Numbers.Percent(d) : "",
            f.Threshold is { } t ? (t == 0 ? "exact" : Numbers.Percent(-t)) : "",
            f.PValue is { } p ? Numbers.Fixed(p, 4) : "",
            f.Code == FindingCodes.ThroughputNotMeasured
                ? "not measured"
                : f.Verdict.ToString().ToUpperInvariant() + (f.ProposesBaseline && f.Verdict == Verdict.Pass ? " (proposed)" : ""),
        ];

    private static string Value(double? v) =>
        v switch
        {
            null => "",
            >= 1e15 or <= -1e15 => Numbers.Scientific(v.Value), // past what a long shows exactly (1e308 read as Int64.MaxValue)
            >= 1000 => Numbers.Count((long)Math.Round(v.Value)),
            _ when v.Value == Math.Floor(v.Value) => Numbers.Count((long)v.Value), // counts are whole numbers: 256, not 256.0000
            _ => Numbers.Fixed(v.Value, 4),
        };

    private static string Where(Finding f) =>
        f.File is null ? ""
        : f.Line > 0 ? $"{f.File}({f.Line}): "
        : $"{f.File}: ";

    private static string Footer(CheckVerdicts verdicts) =>
        $"Overall: {verdicts.Verdict.ToString().ToUpperInvariant()}\n"
        + (
            !verdicts.ProposesBaseline ? ""
            : verdicts.Settled
                ? $"Received baselines were written beside the verified ones for an improvement; nothing needs approving, but to ratchet "
                    + $"the baseline:\n    {verdicts.ApproveCommand}\n"
            : $"Received baselines were written beside the verified ones. If the change is intended, approve it with:\n    "
                + $"{verdicts.ApproveCommand}\n"
        );
}
