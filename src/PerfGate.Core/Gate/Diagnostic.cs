namespace PerfGate.Core.Gate;

internal enum Severity
{
    Message,
    Warning,
    Error,
}

/// <summary>A finding as a build host shows it: severity, code, where, and what to do.</summary>
internal sealed record Diagnostic(Severity Severity, string Code, string Message, string? File = null, int Line = 0);
