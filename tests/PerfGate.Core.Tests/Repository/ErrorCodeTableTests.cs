using System.Text.RegularExpressions;

namespace PerfGate.Core.Tests.Repository;

/// <summary>The code table of docs/error-codes.md is the single list of PG codes: every code the sources can emit has a row there,
/// and no row is stale.</summary>
public class ErrorCodeTableTests
{
    [Fact]
    public void Every_code_in_the_sources_has_exactly_one_row_in_the_code_table_and_every_row_is_used()
    {
        var sources = Directory
            .GetFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".targets") || f.EndsWith(".props"))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Concat(Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "build")))
            .Concat([Path.Combine(RepositoryRoot.Path, "Directory.Build.targets")]);
        var used = sources.SelectMany(f => Regex.Matches(File.ReadAllText(f), @"PG\d{4}").Select(m => m.Value)).ToHashSet();
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "error-codes.md"))
            .Select(l => Regex.Match(l, @"^\| (PG\d{4}) \|"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToArray();

        Assert.Empty(used.Except(rows).Order());
        Assert.Empty(rows.Except(used).Order());
        Assert.Equal(rows.Length, rows.Distinct().Count());
    }

    [Fact]
    public void Every_code_is_declared_once_in_code_and_written_nowhere_else_in_the_sources()
    {
        var declared = typeof(ErrorCodes)
            .GetFields()
            .Concat(typeof(PerfGate.Core.Gate.FindingCodes).GetFields())
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => Regex.IsMatch(v, @"^PG\d{4}$"))
            .Distinct() // a finding may carry an error's code (FindingCodes.ModelFailed is ErrorCodes.ModelFailed)
            .ToArray();
        var literals = Directory
            .GetFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Where(f => Path.GetFileName(f) is not ("ErrorCodes.cs" or "FindingCodes.cs"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"""PG\d{4}""").Select(m => $"{Path.GetFileName(f)}: {m.Value}"));
        var inTargets = Directory
            .GetFiles(Path.Combine(RepositoryRoot.Path, "build"))
            .Append(Path.Combine(RepositoryRoot.Path, "Directory.Build.targets"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"PG\d{4}").Select(m => m.Value));
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "error-codes.md"))
            .Select(l => Regex.Match(l, @"^\| (PG\d{4}) \|"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value);

        var errors = typeof(ErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToArray();
        Assert.Equal(errors.Length, errors.Distinct().Count()); // no code under two names
        Assert.Empty(literals); // a code is named by its constant, so that one place says what it means
        Assert.Equal(rows.Order(), declared.Union(inTargets).Order()); // MSBuild's targets cannot name a C# constant
    }
}
