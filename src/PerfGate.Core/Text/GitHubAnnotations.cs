using System.Text;
using PerfGate.Core.Gate;

namespace PerfGate.Core.Text;

/// <summary>
/// GitHub Actions workflow commands for a check report: an ::error or ::warning annotation per finding, on the baseline file
/// and the line of the metric, so that a pull request shows them on the file itself.
/// </summary>
internal static class GitHubAnnotations
{
    public static string Render(CheckVerdicts verdicts, string? repositoryRoot = null)
    {
        var text = new StringBuilder();
        foreach (var model in verdicts.Models)
        foreach (var f in model.Findings)
        {
            var command = f.Verdict switch
            {
                Verdict.Fail => "error",
                Verdict.Inconclusive or Verdict.New => "warning",
                _ => f.ProposesBaseline ? "notice" : null,
            };
            if (command is null)
                continue;
            var properties = new List<string>();
            if (f.File is not null)
                properties.Add($"file={Property(Relative(f.File, repositoryRoot))}");
            if (f.Line > 0)
                properties.Add($"line={f.Line}");
            properties.Add($"title={Property($"{f.Code} {f.Model}")}");
            text.Append("::").Append(command).Append(' ').AppendJoin(',', properties).Append("::").Append(Data(f.Message)).Append('\n');
        }
        return text.ToString();
    }

    private static string Relative(string file, string? root) =>
        root is null || !Path.IsPathRooted(file) ? file.Replace('\\', '/') : Path.GetRelativePath(root, file).Replace('\\', '/');

    // Escaping as the Actions toolkit does it.
    private static string Data(string value) => value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string value) => Data(value).Replace(":", "%3A").Replace(",", "%2C");
}
