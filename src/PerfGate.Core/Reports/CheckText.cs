using PerfGate.Core.Gate;

namespace PerfGate.Core.Reports;

/// <summary>The human table and the Markdown summary of a <see cref="CheckReport"/>.</summary>
public static class CheckText
{
    private static readonly string[] Headers = ["model", "metric", "baseline", "current", "delta", "threshold", "p-value", "verdict"];

    public static string Render(CheckReport report)
    {
        var table = new TextTable(Headers);
        foreach (var (model, f) in Rows(report)) table.Add(Cells(model, f));
        var text = $"{table}\n";
        foreach (var f in report.Models.SelectMany(m => m.Findings).Where(f => f.Verdict != Verdict.Pass || f.ProposesBaseline))
            text += $"{Where(f)}{f.Code} {f.Verdict.ToString().ToUpperInvariant()}: {f.Model} {f.Message}\n";
        return text + Footer(report);
    }

    public static string Markdown(CheckReport report)
    {
        var md = $"## PerfGate: {report.Verdict.ToString().ToUpperInvariant()}\n\n| {string.Join(" | ", Headers)} |\n|{string.Concat(Enumerable.Repeat("---|", Headers.Length))}\n";
        foreach (var (model, f) in Rows(report)) md += $"| {string.Join(" | ", Cells(model, f).Select(c => c.Replace("|", "\\|")))} |\n";
        var notes = report.Models.SelectMany(m => m.Findings).Where(f => f.Verdict != Verdict.Pass || f.ProposesBaseline).ToArray();
        if (notes.Length > 0) md += "\n" + string.Concat(notes.Select(f => $"- **{f.Code}** {f.Model}: {f.Message}\n"));
        return md + "\n" + Footer(report).Replace(report.ApproveCommand, $"`{report.ApproveCommand}`");
    }

    private static IEnumerable<(string, Finding)> Rows(CheckReport report) =>
        report.Models.SelectMany(m => m.Findings.Select(f => (m.Model, f)));

    private static string[] Cells(string model, Finding f) =>
    [
        model, f.Metric, Value(f.Baseline), Value(f.Current),
        f.Delta is { } d ? Numbers.Percent(d) : "",
        f.Threshold is { } t ? (t == 0 ? "exact" : Numbers.Percent(-t)) : "",
        f.PValue is { } p ? Numbers.Fixed(p, 4) : "",
        f.Code == FindingCodes.ThroughputNotMeasured ? "not measured"
            : f.Verdict.ToString().ToUpperInvariant() + (f.ProposesBaseline && f.Verdict == Verdict.Pass ? " (proposed)" : ""),
    ];

    private static string Value(double? v) => v switch
    {
        null => "",
        >= 1000 => Numbers.Count((long)Math.Round(v.Value)),
        _ when v.Value == Math.Floor(v.Value) => Numbers.Count((long)v.Value), // counts are whole numbers: 256, not 256.0000
        _ => Numbers.Fixed(v.Value, 4),
    };

    private static string Where(Finding f) => f.File is null ? "" : f.Line > 0 ? $"{f.File}({f.Line}): " : $"{f.File}: ";

    private static string Footer(CheckReport report) =>
        $"Overall: {report.Verdict.ToString().ToUpperInvariant()}\n" +
        (!report.ProposesBaseline ? ""
            : report.Settled ? $"Received baselines were written beside the verified ones for an improvement; nothing needs approving, but to ratchet the baseline:\n    {report.ApproveCommand}\n"
            : $"Received baselines were written beside the verified ones. If the change is intended, approve it with:\n    {report.ApproveCommand}\n");
}
