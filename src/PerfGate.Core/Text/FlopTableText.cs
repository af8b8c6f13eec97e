using PerfGate.Core.Flops;

namespace PerfGate.Core.Text;

/// <summary>Renders a <see cref="FlopReport"/> as the human table `perfgate flops` prints.</summary>
internal static class FlopTableText
{
    /// <param name="capacityBytes">With --memory: the largest batch whose counted memory fits is said.</param>
    public static string Render(FlopReport report, long? capacityBytes = null)
    {
        var table = new TextTable("layer", "kind", "input", "output", "params", "macs", "flops", "otherFlops", "output bytes");
        foreach (var l in report.Layers)
            table.Add(
                l.Name,
                l.Kind,
                Shape.Format(l.InputShape),
                Shape.Format(l.OutputShape),
                Numbers.Count(l.Params),
                Numbers.Count(l.Macs),
                Numbers.Count(l.Flops),
                Numbers.Count(l.OtherFlops),
                Numbers.Count(l.OutputBytes)
            );
        var t = report.Totals;
        table.Add(
            "total",
            "",
            "",
            "",
            Numbers.Count(t.Params),
            Numbers.Count(t.Macs),
            Numbers.Count(t.Flops),
            Numbers.Count(t.OtherFlops),
            ""
        );

        var text =
            $"{report.Model}, batch {report.Batch}{(report.Input is { } input ? $" (input {input})" : "")}: "
            + $"{Numbers.Scientific(t.Flops)} conv/GEMM FLOPs + {Numbers.Scientific(t.OtherFlops)} "
            + $"other = {Numbers.Scientific(t.AllFlops)} total\n\n{table}{MemoryText.Render(report.Memory, report.Batch, capacityBytes)}";
        if (report.NeverRan.Count > 0)
            text +=
                $"\nnot in the totals: {Numbers.Count(report.NeverRanParams)} params of {report.NeverRan.Count} layer(s) that did not "
                + $"run in this pass: {string.Join(", ", report.NeverRan.Select(l => $"{l.Name} ({Numbers.Count(l.Params)})"))}\n";
        if (report.UnknownLayers.Count > 0)
            text +=
                $"\nwarning: not counted (unknown layer types; implement ICountsOwnFlops or register a rule): "
                + $"{string.Join(", ", report.UnknownLayers)}\n";
        return text
            + "\nleaf layers only: arithmetic written in a forward (x + y, matmul, softmax) is not counted; `perfgate profile` shows its "
            + "time as 'outside layers'.\n";
    }
}
