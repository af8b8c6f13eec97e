using PerfGate.Tests.Shared;

namespace PerfGate.Core.Tests.Repository;

/// <summary>
/// The C# code keeps the .editorconfig's line length and CSharpier's layout (the tool pinned in .config/dotnet-tools.json;
/// `dotnet csharpier format .` fixes a failure). The line length is checked by reading the files, so it holds even where the
/// tool cannot be restored; the layout check needs `dotnet tool restore` (NuGet), skipped without it (failed under CI).
/// </summary>
public sealed class CodeFormatTests
{
    private static readonly string Root = RepositoryRoot.Path;

    private static int MaxLineLength() =>
        int.Parse(
            File.ReadLines(Path.Combine(Root, ".editorconfig"))
                .Select(l => l.Split('=', 2))
                .First(p => p[0].Trim() == "max_line_length")[1]
                .Trim()
        );

    private static IEnumerable<string> SourceFiles() =>
        new[] { "src", "tests" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"));

    [Fact]
    public void No_line_of_CSharp_runs_past_the_editorconfig_max_line_length()
    {
        var limit = MaxLineLength();
        Assert.InRange(limit, 100, 200);
        var files = SourceFiles().ToArray();
        var longLines = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(Root, f), Line: i + 1, line.Length)))
            .Where(l => l.Length > limit)
            .Select(l => $"{l.File}({l.Line}): {l.Length} characters")
            .ToArray();
        Assert.True(files.Length > 100, "the scan found the sources");
        Assert.True(longLines.Length == 0, $"over {limit} characters:\n{string.Join("\n", longLines)}");
    }

    [SkippableFact]
    public void The_code_is_as_csharpier_formats_it()
    {
        var dotnet = ExternalTools.Find("dotnet") ?? "";
        var (restored, restoreOutput) = ExternalTools.Run(dotnet, ["tool", "restore"], TimeSpan.FromMinutes(3), Root);
        ExternalTools.Require(
            restored == 0 ? dotnet : null,
            "CSharpier (a .NET tool from NuGet)",
            $"dotnet tool restore ({restoreOutput.Trim()})"
        );
        var (code, output) = ExternalTools.Run(dotnet, ["csharpier", "check", "src", "tests"], TimeSpan.FromMinutes(3), Root);
        Assert.True(code == 0, $"run `dotnet csharpier format src tests`:\n{output}");
    }
}
