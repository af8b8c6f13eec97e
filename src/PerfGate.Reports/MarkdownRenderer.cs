using System.Text;

namespace PerfGate.Reports;

/// <summary>Renders report blocks as GitHub-flavoured Markdown.</summary>
internal static class MarkdownRenderer
{
    public static string Render(IEnumerable<ReportBlock> blocks)
    {
        var md = new StringBuilder();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    md.Append('#', h.Level).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case Paragraph p:
                    md.Append(p.Text).Append("\n\n");
                    break;
                case Table t:
                    md.Append("| ")
                        .AppendJoin(" | ", t.Headers)
                        .Append(" |\n|")
                        .Append(string.Concat(t.Headers.Select(_ => "---|")))
                        .Append('\n');
                    foreach (var row in t.Rows)
                        md.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|"))).Append(" |\n");
                    md.Append('\n');
                    break;
                case Image i:
                    md.Append("![").Append(i.Alt).Append("](").Append(i.File).Append(")\n\n");
                    break;
            }
        }
        return md.ToString();
    }
}
