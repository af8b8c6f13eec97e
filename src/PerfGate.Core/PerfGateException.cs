using System.Text.RegularExpressions;

namespace PerfGate.Core;

/// <summary>
/// An error a user can act on: a code (<c>PGnnnn</c>), what was wrong, and where (file and line when known).
/// Hosts turn it into an exit code or an MSBuild error; nothing below the host prints it.
/// </summary>
internal sealed partial class PerfGateException(
    string code,
    string message,
    string? file = null,
    int line = 0,
    int exitCode = ExitCodes.BadInput
) : Exception(message)
{
    public string Code { get; } = code;
    public string? File { get; } = file;
    public int Line { get; } = line;
    public int ExitCode { get; } = exitCode;

    /// <summary>Native errors carry kilobytes of stack frames on many lines: the first line, at most 400 characters.</summary>
    public static string FirstLine(string message)
    {
        var first = message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
        return first.Length <= 400 ? first : first[..400] + "…";
    }

    /// <summary>A failure of the measured model itself (it threw, or libtorch did): PG0004, exit 4, never mistaken for bad input.</summary>
    public static PerfGateException ModelFailed(string model, Exception e) =>
        new(
            ErrorCodes.ModelFailed,
            $"the measured model '{model}' failed: {e.GetType().Name}: {FirstLine(e.Message)}",
            exitCode: ExitCodes.MeasuredProcessFailed
        );

    /// <summary>
    /// An assembly that could not be loaded (FileNotFoundException and FileLoadException are IOExceptions, but no file of the
    /// user's is at fault): the project lacks a reference, PG0008, exit 2.
    /// </summary>
    public static PerfGateException? AssemblyMissing(Exception e) =>
        e is FileNotFoundException or FileLoadException
        && (e as FileNotFoundException)?.FileName is { } name
        && name.Contains("Version=", StringComparison.Ordinal)
            ? new PerfGateException(
                ErrorCodes.AssemblyUnusable,
                $"could not load {name.Split(',')[0]}: does the project reference PerfGate.Torch and a libtorch backend (TorchSharp-cpu, "
                    + $"or a CUDA one)? {FirstLine(e.Message)}"
            )
            : null;

    /// <summary>
    /// Any exception as the error a user sees, each kind with its own code: a PerfGateException as it is; an assembly that did
    /// not load (PG0008, exit 2); PerfGate's own failure to read or write a file (PG0011, exit 5); anything else a bug in
    /// PerfGate (PG0999, exit 5, "please report").
    /// </summary>
    public static PerfGateException Classify(Exception e) =>
        e switch
        {
            PerfGateException known => known,
            _ when AssemblyMissing(e) is { } missing => missing,
            IOException or UnauthorizedAccessException => new(
                ErrorCodes.FileAccess,
                $"PerfGate could not read or write a file: {FirstLine(e.Message)}",
                exitCode: ExitCodes.PerfGateFailed
            ),
            _ => new(
                ErrorCodes.Internal,
                $"internal error in PerfGate, please report it with this line: {e.GetType().Name}: {FirstLine(e.Message)} at "
                    + $"{e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}",
                exitCode: ExitCodes.PerfGateFailed
            ),
        };

    /// <summary>MSBuild's canonical error form, so that a build host shows it with its code, file and line: <c>file(line): error PGnnnn:
    /// message</c>.</summary>
    public string CanonicalLine() =>
        $"{(File is null ? "perfgate" : Line > 0 ? $"{File}({Line})" : File)}: error {Code}: {FirstLine(Message)}";

    /// <summary>
    /// The inverse of <see cref="CanonicalLine"/>, for an error another PerfGate process printed (a measuring host, one side of
    /// an A/B run): the same code, file and line, with <paramref name="exitCode"/> and <paramref name="messagePrefix"/> before the
    /// message; null when the line is not a canonical error.
    /// </summary>
    public static PerfGateException? FromCanonicalLine(string line, int exitCode, string messagePrefix = "")
    {
        var match = CanonicalError().Match(line);
        if (!match.Success)
            return null;
        var where = match.Groups["where"].Value;
        return new PerfGateException(
            match.Groups["code"].Value,
            messagePrefix + match.Groups["message"].Value,
            where == "perfgate" ? null : match.Groups["file"].Value,
            match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
            exitCode
        );
    }

    [GeneratedRegex(@"^(?<where>(?<file>.*?)(\((?<line>\d+)\))?): error (?<code>PG\d{4}): (?<message>.*)$")]
    private static partial Regex CanonicalError();

    public override string ToString() => File is null ? $"{Code}: {Message}" : $"{File}{(Line > 0 ? $"({Line})" : "")}: {Code}: {Message}";
}
