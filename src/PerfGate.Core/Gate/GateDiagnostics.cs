using System.Text.Json;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Gate;

/// <summary>
/// What a build host reports after running `perfgate check` out of process: each finding of the JSON report as an error
/// (FAIL, and with strict also INCONCLUSIVE and NEW), a warning (INCONCLUSIVE, NEW) or a message; and a crashed or timed-out
/// measuring process as its own error, never mistaken for a regression.
/// </summary>
public static class GateDiagnostics
{
    public const string ProcessCrashed = ErrorCodes.ProcessCrashed;
    public const string ProcessTimedOut = ErrorCodes.ProcessTimedOut;
    public const string ReportMissing = ErrorCodes.ReportMissing;

    /// <summary>The diagnostics to log, and whether the gate passed (<see cref="CheckReport.Settled"/>: the host may then skip it until an
    /// input changes).</summary>
    public sealed record Outcome(IReadOnlyList<Diagnostic> Diagnostics, bool Passed);

    public static Outcome From(int exitCode, bool timedOut, string? reportJson, bool strict, string stderrTail, double timeoutSeconds)
    {
        if (timedOut)
            return Failed(
                new(
                    Severity.Error,
                    ProcessTimedOut,
                    $"the measuring process did not finish within {Numbers.Fixed(timeoutSeconds, 0)} s and was stopped; raise "
                        + $"PerfGateTimeoutSeconds or lower PerfGateMaxSeconds."
                )
            );
        // The process printed its own canonical error (code, file, line), which the host already logged; a model that failed
        // among several (exit 4 with a report) is a finding of that report, beside the others' verdicts.
        if (exitCode is ExitCodes.BadInput || (exitCode is ExitCodes.MeasuredProcessFailed && reportJson is null))
            return new([], false);
        if (exitCode is not (ExitCodes.Success or ExitCodes.GateFailed or ExitCodes.Inconclusive or ExitCodes.MeasuredProcessFailed))
            return Failed(new(Severity.Error, ProcessCrashed, $"the measuring process crashed (exit code {exitCode}): {Tail(stderrTail)}"));

        CheckReport? report = null;
        try
        {
            report = reportJson is null ? null : JsonSerializer.Deserialize<CheckReport>(reportJson, PerfGateJson.Options);
        }
        catch (JsonException) { }
        if (report is null)
            return Failed(
                new(
                    Severity.Error,
                    ReportMissing,
                    $"the measuring process exited with {exitCode} but wrote no readable report: {Tail(stderrTail)}"
                )
            );

        var diagnostics = report
            .Models.SelectMany(m => m.Findings)
            .Select(f => new Diagnostic(
                SeverityOf(f, strict),
                f.Code,
                $"{f.Model}: {Measurements.MeasureBudget.InBuildGate(f.Message)}",
                f.File,
                f.Line
            ))
            .ToList();
        if (report.ProposesBaseline)
            diagnostics.Add(
                new(
                    Severity.Message,
                    FindingCodes.ReceivedWritten,
                    report.Settled
                        ? $"received baselines were written for an improvement; the gate passed, and approving them (optional) ratchets "
                            + $"the baseline: {report.ApproveCommand}"
                        : $"received baselines were written; if the change is intended, approve with: {report.ApproveCommand}"
                )
            );
        return new(diagnostics, exitCode == ExitCodes.Success && report.Settled);
    }

    private static Outcome Failed(Diagnostic error) => new([error], false);

    private static Severity SeverityOf(Finding f, bool strict) =>
        f.Verdict switch
        {
            Verdict.Fail => Severity.Error,
            Verdict.Inconclusive or Verdict.New => strict ? Severity.Error : Severity.Warning,
            _ => Severity.Message,
        };

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(5));
    }
}
