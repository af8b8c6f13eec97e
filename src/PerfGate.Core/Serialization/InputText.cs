using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PerfGate.Core.Serialization;

/// <summary>
/// How every file PerfGate reads is read: refused above <see cref="MaxBytes"/> before a byte is parsed (a baseline inflated to
/// gigabytes would otherwise stall the gate for minutes), and every JSON error said in PerfGate's own words with the 1-based
/// line and column that System.Text.Json reports from 0.
/// </summary>
internal static partial class InputText
{
    /// <summary>64 MiB: the largest legitimate file (a results file of many rounds) is well under 1 MiB.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <param name="code">The reader's own code (PG0201 baselines, PG0007 results, PG0301 tolerances).</param>
    /// <param name="what">What the file should hold, for messages.</param>
    /// <remarks>
    /// Never more than <see cref="MaxBytes"/> + 1 bytes are read, whatever the file says its size is: a link to /dev/zero says 0.
    /// A file whose size is 0 is not opened at all, since a pipe and a device report 0 too, and opening a pipe waits for a writer.
    /// </remarks>
    public static string Read(string path, string code, string what)
    {
        if (Directory.Exists(path))
            throw new PerfGateException(code, $"this {what} is a folder, not a file: remove it or point PerfGate at the file.", path);
        var info = new FileInfo(path);
        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        if (target.Length == 0)
            throw new PerfGateException(
                code,
                $"this {what} is empty, or is not a regular file (a pipe or a device, which PerfGate does not read): restore it from "
                    + $"git, or produce it again.",
                path
            );
        if (target.Length > MaxBytes)
            throw TooLarge(path, code, what, target.Length);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        using var content = new MemoryStream();
        var chunk = new byte[81920];
        for (int n; (n = stream.Read(chunk)) > 0; )
        {
            content.Write(chunk, 0, n);
            if (content.Length > MaxBytes)
                throw TooLarge(path, code, what, content.Length);
        }
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(content.GetBuffer(), 0, (int)content.Length);
        return text.TrimStart('\uFEFF');
    }

    private static PerfGateException TooLarge(string path, string code, string what, long size) =>
        new(
            code,
            $"this {what} is {size / (1024 * 1024)} MiB or more; PerfGate reads files "
                + $"of at most {MaxBytes / (1024 * 1024)} MiB (a legitimate one is far smaller): restore it from git, or produce it again.",
            path
        );

    /// <summary>A JSON error as PerfGate's own exception: what is wrong in plain words, and where (1-based line).</summary>
    /// <param name="text">The text parsed, when known: a key twice found by a document's validation carries no position, and is
    /// then placed on the line of its second occurrence.</param>
    public static PerfGateException JsonError(JsonException e, string code, string what, string path, string? text = null) =>
        new(code, $"not a valid {what}: {Reason(e)}.", path, e.LineNumber is { } line ? (int)line + 1 : SecondKeyLine(e, text) ?? 1);

    private static int? SecondKeyLine(JsonException e, string? text)
    {
        if (text is null || Duplicate().Match(e.Message) is not { Success: true } twice)
            return null;
        var key = Regex.Matches(text, $"\"{Regex.Escape(twice.Groups[1].Value)}\"\\s*:");
        return key.Count < 2 ? null : text[..key[1].Index].Count(c => c == '\n') + 1;
    }

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
