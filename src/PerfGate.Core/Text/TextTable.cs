using System.Text;

namespace PerfGate.Core.Text;

/// <summary>A plain fixed-width text table: first column left-aligned, the rest right-aligned.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.");
        _rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var all = _rows.Prepend(headers).ToArray();
        var widths = headers.Select((_, c) => all.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var (row, index) in all.Select((r, i) => (r, i)))
        {
            text.AppendJoin("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
            if (index == 0)
                text.AppendJoin("  ", widths.Select(w => new string('-', w))).Append('\n');
        }
        return text.ToString();
    }
}
