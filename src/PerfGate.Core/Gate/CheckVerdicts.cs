namespace PerfGate.Core.Gate;

/// <summary>Everything one `perfgate check` decided: the overall verdict, each model's, and how to approve. Written as the JSON
/// report file (`--report`, the build gate's report.json); "report" in the code is the `&lt;out&gt;/report/` document.</summary>
internal sealed record CheckVerdicts(Verdict Verdict, IReadOnlyList<ModelVerdict> Models, string ApproveCommand)
{
    public static CheckVerdicts Of(IReadOnlyList<ModelVerdict> models, string approveCommand) =>
        new(ModelVerdict.Overall(models.Select(m => m.Verdict)), models, approveCommand);

    public bool ProposesBaseline => Models.Any(m => m.ProposesBaseline);

    /// <summary>
    /// Whether a build host may record this check as passed, so that an unchanged project is not measured again: every model
    /// passed. A significant improvement (PG1005) or a batch size measured beyond the baseline still passes: its received file
    /// is written for whoever wants to ratchet the baseline, but it keeps nothing out of date. Only a regression, an
    /// INCONCLUSIVE, a counted change or nothing approved yet (NEW) does.
    /// </summary>
    public bool Settled => Verdict == Verdict.Pass;

    /// <summary>4 when a model itself failed (the others still judged); else 0 pass; 1 fail (or, with strict, inconclusive or new); 3
    /// inconclusive without strict.</summary>
    public int ExitCode(bool strict) =>
        Models.Any(m => m.Findings.Any(f => f.Code == FindingCodes.ModelFailed))
            ? ExitCodes.MeasuredProcessFailed
            : Verdict switch
            {
                Verdict.Fail => ExitCodes.GateFailed,
                Verdict.Inconclusive => strict ? ExitCodes.GateFailed : ExitCodes.Inconclusive,
                Verdict.New => strict ? ExitCodes.GateFailed : ExitCodes.Success,
                _ => ExitCodes.Success,
            };
}
