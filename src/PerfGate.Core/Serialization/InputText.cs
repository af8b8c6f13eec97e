using System.Text.Json;
using System.Text.RegularExpressions;

namespace PerfGate.Core.Serialization;

/// <summary>
/// How every file PerfGate reads is read: refused above <see cref="MaxBytes"/> before a byte is parsed (a baseline inflated to
/// gigabytes would otherwise stall the gate for minutes), and every JSON error said in PerfGate's own words with the 1-based
/// line and column that System.Text.Json reports from 0.
/// </summary>
public static partial class InputText
{
    /// <summary>64 MiB: the largest legitimate file (a results file of many rounds) is well under 1 MiB.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <param name="code">The reader's own code (PG0201 baselines, PG0007 results, PG0301 tolerances).</param>
    /// <param name="what">What the file should hold, for messages.</param>
    public static string Read(string path, string code, string what)
    {
        var size = new FileInfo(path).Length;
        if (size > MaxBytes)
            throw new PerfGateException(
                code,
                $"this {what} is {size / (1024 * 1024)} MiB; PerfGate reads files of at most {MaxBytes / (1024 * 1024)} MiB (a "
                    + $"legitimate one is far smaller): restore it from git, or produce it again.",
                path
            );
        return File.ReadAllText(path);
    }

    /// <summary>A JSON error as PerfGate's own exception: what is wrong in plain words, and where (1-based line).</summary>
    public static PerfGateException JsonError(JsonException e, string code, string what, string path) =>
        new(code, $"not a valid {what}: {Reason(e)}.", path, (int)(e.LineNumber ?? 0) + 1);

    /// <summary>The reason in plain words, with the JSON path or the column: never System.Text.Json's message.</summary>
    public static string Reason(JsonException e)
    {
        var message = e.Message;
        var at = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" (at {e.Path})";
        var column = (e.BytePositionInLine ?? 0) + 1;
        if (Unmapped().Match(message) is { Success: true } unknown)
            return $"'{unknown.Groups[1].Value}' is not a known key{at}";
        if (Duplicate().Match(message) is { Success: true } twice)
            return $"the key '{twice.Groups[1].Value}' appears twice{at}";
        if (Missing().Match(message) is { Success: true } missing)
            return $"required keys are missing: {missing.Groups[1].Value.TrimEnd('.')}{at}";
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return $"a value has the wrong type{at}: numbers must be unquoted numbers, texts quoted strings, lists in [ ]";
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase))
            return $"a value that is required is null{at}";
        if (message.StartsWith("'/'", StringComparison.Ordinal) || message.Contains("comment", StringComparison.OrdinalIgnoreCase))
            return $"a comment (// or /* */) at column {column}; JSON has none (tolerances files take a \"$comment\" key instead)";
        if (
            message.Contains("end of data", StringComparison.OrdinalIgnoreCase)
            || message.Contains("incomplete", StringComparison.OrdinalIgnoreCase)
        )
            return "the file ends before the JSON does (truncated?)";
        return $"the JSON syntax breaks at column {column} (a missing comma, quote or bracket, or a merge marker?)";
    }

    [GeneratedRegex("The JSON property '(.+?)' could not be mapped")]
    private static partial Regex Unmapped();

    [GeneratedRegex("[Dd]uplicate property '?(.+?)'? ")]
    private static partial Regex Duplicate();

    [GeneratedRegex("missing required properties including: (.+?)\\. Path", RegexOptions.Singleline)]
    private static partial Regex Missing();
}
