namespace PerfGate.Core;

/// <summary>
/// An error a user can act on: a code (<c>PGnnnn</c>), what was wrong, and where (file and line when known).
/// Hosts turn it into an exit code or an MSBuild error; nothing below the host prints it.
/// </summary>
public sealed class PerfGateException(string code, string message, string? file = null, int line = 0, int exitCode = ExitCodes.BadInput)
    : Exception(message)
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
        new("PG0004", $"the measured model '{model}' failed: {e.GetType().Name}: {FirstLine(e.Message)}", exitCode: ExitCodes.MeasuredProcessFailed);

    /// <summary>
    /// An assembly that could not be loaded (FileNotFoundException and FileLoadException are IOExceptions, but no file of the
    /// user's is at fault): the project lacks a reference, PG0008, exit 2.
    /// </summary>
    public static PerfGateException? AssemblyMissing(Exception e) =>
        e is FileNotFoundException or FileLoadException && (e as FileNotFoundException)?.FileName is { } name && name.Contains("Version=", StringComparison.Ordinal)
            ? new PerfGateException("PG0008", $"could not load {name.Split(',')[0]}: does the project reference PerfGate.Torch and a libtorch backend (TorchSharp-cpu, or a CUDA one)? {FirstLine(e.Message)}")
            : null;

    public override string ToString() =>
        File is null ? $"{Code}: {Message}" : $"{File}{(Line > 0 ? $"({Line})" : "")}: {Code}: {Message}";
}
