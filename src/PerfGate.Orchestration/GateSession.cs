using PerfGate.Core;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Running;
using PerfGate.Orchestration.Against;
using PerfGate.Orchestration.Building;
using PerfGate.Orchestration.Hosting;

namespace PerfGate.Orchestration;

/// <summary>
/// One check, whichever host asks (the build gate's measuring host, the command line, the installed tool): the request validated
/// and the gate's setup loaded once; then with a ref, this build against base in one A/B run; with a recorded results file, that
/// measurement judged as it is; else the models measured by the host's runner (<paramref name="live"/>), whose stored throughput
/// verdicts are then measured side by side against the commit each baseline was approved at (<see cref="ApprovedConfirmation"/>). A
/// recorded results file is never measured again: its suspicions are bounded by the baseline's drift. Returns every model's
/// outcome and the report they make; the host renders them and writes them out (<see cref="Write"/>).
/// </summary>
internal static class GateSession
{
    /// <param name="sides">The project's sides for a side-by-side measurement, asked for only when one is needed; null: none.</param>
    /// <param name="approveCommand">The approve command to print, given the verdicts.</param>
    public static GateSessionResult Check(
        CheckRequest check,
        AgainstRequest? against,
        Func<SideBySide?> sides,
        Func<CheckRequest, IReadOnlyList<ModelOutcome>> live,
        Func<IReadOnlyList<ModelVerdict>, string> approveCommand,
        string perfGateVersion,
        Action<string>? progress = null
    )
    {
        var setup = GateSetup.Load(check);
        var outcomes =
            against is not null ? AgainstGate.Check(setup, against, progress)
            : setup.Request.ResultsFile is not null
                ? ApprovedConfirmation.Apply(
                    [ResultsFileCheck.Check(setup, perfGateVersion, MeasuredCommit.Current())],
                    setup,
                    () => null,
                    progress
                )
            : Live(setup, live, sides, progress);
        var verdicts = outcomes.Select(o => o.Verdict).ToArray();
        return new GateSessionResult(outcomes, CheckVerdicts.Of(verdicts, approveCommand(verdicts)));
    }

    /// <summary>The models measured by the host's runner: stored throughput verdicts decided side by side, a proposed baseline made of
    /// launches.</summary>
    private static IReadOnlyList<ModelOutcome> Live(
        GateSetup setup,
        Func<CheckRequest, IReadOnlyList<ModelOutcome>> live,
        Func<SideBySide?> sides,
        Action<string>? progress
    )
    {
        var outcomes = ApprovedConfirmation.Apply(live(setup.Request), setup, sides, progress);
        SnapshotLaunches.Apply(outcomes, setup, () => Launcher(sides(), setup.Request, progress), progress);
        return outcomes;
    }

    /// <summary>More launches of a proposed baseline: fresh measuring hosts on the project's build, when there is one.</summary>
    private static SnapshotLaunches.Launch? Launcher(SideBySide? sides, CheckRequest check, Action<string>? progress)
    {
        if (sides?.Head?.BesideProject(sides.Project) is not { } layout)
            return null;
        return (model, batches, seconds) =>
            HostCalls.Call<MeasurementResult>(
                layout,
                new RunnerCall(
                    "measure",
                    model,
                    layout.TargetPath,
                    Plan: new MeasurePlan(batches, check.Device, check.Threads, seconds),
                    Settings: new SamplerSettings()
                ),
                progress,
                TimeSpan.FromMinutes(30)
            );
    }
}

/// <summary>A session's outcomes and the report made of them, the one value every output is written from.</summary>
internal sealed record GateSessionResult(IReadOnlyList<ModelOutcome> Outcomes, CheckVerdicts Verdicts)
{
    /// <summary>The same session with its advice naming the build gate's budget knob, PerfGateMaxSeconds, instead of the command
    /// line's --max-seconds: in the table, the diagnostics and every file written (the summary a pull request shows too).</summary>
    public GateSessionResult InBuildGate()
    {
        static ModelVerdict Knob(ModelVerdict verdict) =>
            verdict with
            {
                Findings = verdict.Findings.Select(f => f with { Message = MeasureBudget.InBuildGate(f.Message) }).ToArray(),
            };
        return new(
            Outcomes.Select(o => o with { Verdict = Knob(o.Verdict) }).ToArray(),
            Verdicts with
            {
                Models = Verdicts.Models.Select(Knob).ToArray(),
            }
        );
    }

    /// <summary>results/&lt;model&gt;.json (and CSVs), and on request the Markdown summary and the JSON report.</summary>
    public void Write(string resultsFolder, string? summaryFile, string? reportFile) =>
        GateFiles.Write(Outcomes, Verdicts, resultsFolder, summaryFile, reportFile);
}
