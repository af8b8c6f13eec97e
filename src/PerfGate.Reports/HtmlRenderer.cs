using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PerfGate.Reports;

/// <summary>
/// Renders report blocks as one self-contained HTML page (charts referenced beside it). The page records on its body whether
/// every chart loaded and whether a script error happened (data-charts-loaded, data-charts-total, data-errors), so a headless
/// browser can check that it renders.
/// </summary>
internal static partial class HtmlRenderer
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        th { background: #f3f3f3; }
        img { max-width: 100%; border: 1px solid #eee; }
        """;

    private const string Script = """
        window.addEventListener('error', () => {
          document.body.dataset.errors = String(Number(document.body.dataset.errors || 0) + 1);
        }, true);
        window.addEventListener('load', () => {
          const images = [...document.images];
          document.body.dataset.chartsTotal = String(images.length);
          document.body.dataset.chartsLoaded = String(images.filter(i => i.complete && i.naturalWidth > 0).length);
          document.body.dataset.tables = String(document.querySelectorAll('table').length);
        });
        """;

    public static string Render(IEnumerable<ReportBlock> blocks, string title)
    {
        var html = new StringBuilder(
            $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
                + $"charset=\"utf-8\">\n<title>{E(title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body data-errors=\"0\">\n"
        );
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    html.Append($"<h{h.Level}>{Inline(h.Text)}</h{h.Level}>\n");
                    break;
                case Paragraph p:
                    html.Append($"<p>{Inline(p.Text)}</p>\n");
                    break;
                case Table t:
                    html.Append("<table>\n<thead><tr>")
                        .AppendJoin("", t.Headers.Select(c => $"<th>{E(c)}</th>"))
                        .Append("</tr></thead>\n<tbody>\n");
                    foreach (var row in t.Rows)
                        html.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{E(c)}</td>")).Append("</tr>\n");
                    html.Append("</tbody>\n</table>\n");
                    break;
                case Image i:
                    html.Append($"<figure><img src=\"{E(i.File)}\" alt=\"{E(i.Alt)}\"><figcaption>{E(i.Alt)}</figcaption></figure>\n");
                    break;
            }
        }
        return html.Append($"<script>\n{Script}\n</script>\n</body>\n</html>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The Markdown the blocks use inline: **bold** and `code`.</summary>
    private static string Inline(string text) => Code().Replace(Bold().Replace(E(text), "<strong>$1</strong>"), "<code>$1</code>");

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex("`(.+?)`")]
    private static partial Regex Code();
}
