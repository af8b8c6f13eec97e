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

    public override string ToString() =>
        File is null ? $"{Code}: {Message}" : $"{File}{(Line > 0 ? $"({Line})" : "")}: {Code}: {Message}";
}
