namespace PerfGate.Core.Gate;

/// <summary>
/// What the build gate reports of a check's JSON report: each finding as an error (FAIL, and with strict also INCONCLUSIVE and
/// NEW), a warning (INCONCLUSIVE, NEW) or a message. A crashed or timed-out measuring process never gets here: the host client
/// raises it as its own error (PG2004, PG2005), never mistaken for a regression.
/// </summary>
internal static class GateDiagnostics
{
    /// <summary>The diagnostics to log, and whether the gate passed (<see cref="CheckVerdicts.Settled"/>: the host may then
    /// skip it until an input changes).</summary>
    public sealed record Outcome(IReadOnlyList<Diagnostic> Diagnostics, bool Passed);

    public static Outcome From(int exitCode, CheckVerdicts verdicts, bool strict)
    {
        var diagnostics = verdicts
            .Models.SelectMany(m => m.Findings)
            .Select(f => new Diagnostic(
                SeverityOf(f, strict),
                f.Code,
                $"{f.Model}: {Measurements.MeasureBudget.InBuildGate(f.Message)}",
                f.File,
                f.Line
            ))
            .ToList();
        if (verdicts.ProposesBaseline)
            diagnostics.Add(
                new(
                    Severity.Message,
                    FindingCodes.ReceivedWritten,
                    verdicts.Settled
                        ? $"received baselines were written for an improvement; the gate passed, and approving them (optional) ratchets "
                            + $"the baseline: {verdicts.ApproveCommand}"
                        : $"received baselines were written; if the change is intended, approve with: {verdicts.ApproveCommand}"
                )
            );
        return new(diagnostics, exitCode == ExitCodes.Success && verdicts.Settled);
    }

    private static Severity SeverityOf(Finding f, bool strict) =>
        f.Verdict switch
        {
            Verdict.Fail => Severity.Error,
            Verdict.Inconclusive or Verdict.New => strict ? Severity.Error : Severity.Warning,
            _ => Severity.Message,
        };
}
