using PerfGate.Core;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Orchestration.Building;

namespace PerfGate.Orchestration.Against;

/// <summary>
/// The stored gate's throughput verdicts decided side by side: a model whose stored comparison cannot decide alone (a change it
/// calls regressed or improved, or a pass within the drift between two moments, <see cref="StoredEvidence.Undecided"/>) is
/// measured again against the commit its verified baseline was last approved at (built in the base-build cache of --against,
/// measured in alternating launches), and that paired verdict decides (<see cref="StoredEvidence.Confirmed"/>).
/// Where it cannot be measured (no project, no git history, the baseline not committed, the commit does not build), the
/// claim stands only beyond the baseline's drift (<see cref="StoredEvidence.Unconfirmed"/>), saying why. A received
/// throughput file the decided verdict no longer proposes is removed: a drifted moment is not a candidate baseline.
/// </summary>
internal static class ApprovedConfirmation
{
    /// <param name="sides">This build's sides, asked for once and only when a change is suspected; null: nothing to build.</param>
    public static IReadOnlyList<ModelOutcome> Apply(
        IReadOnlyList<ModelOutcome> outcomes,
        GateSetup setup,
        Func<SideBySide?> sides,
        Action<string>? progress = null
    )
    {
        var undecided = outcomes.Select(o => Undecided(o, setup)).ToArray();
        if (!outcomes.Where((o, i) => undecided[i].Length > 0 || NewClass(o)).Any())
            return outcomes;
        var project = sides(); // only now: the tool builds the project for it
        return outcomes
            .Select(
                (o, i) =>
                    undecided[i].Length > 0 ? Decide(o, undecided[i], setup, project, progress)
                    : NewClass(o) ? AgainstApproval(o, setup, project, progress)
                    : o
            )
            .ToArray();
    }

    /// <summary>The batch sizes the stored comparison cannot decide alone (<see cref="StoredEvidence.Undecided"/>).</summary>
    private static int[] Undecided(ModelOutcome outcome, GateSetup setup) =>
        outcome.Approved.Throughput is { } approved ? StoredEvidence.Undecided(outcome.Verdict, approved.Value, setup.Tolerances) : [];

    private static bool NewClass(ModelOutcome outcome) =>
        StoredEvidence.NewDeviceClass(outcome.Verdict) && outcome.Approved.Counts is not null;

    /// <summary>
    /// A device class without a throughput baseline: measured side by side against the commit the counts were last approved
    /// at. Where that cannot be measured (no project, the counts not committed, the commit does not build) the verdict stays
    /// NEW, as without this step: there is no claim to bound.
    /// </summary>
    private static ModelOutcome AgainstApproval(ModelOutcome outcome, GateSetup setup, SideBySide? sides, Action<string>? progress)
    {
        var stored = outcome.Verdict;
        if (sides is null)
            return outcome;
        try
        {
            var commit = GitRepository.Containing(sides.Project).ApprovedAt(outcome.Approved.CountsPath);
            progress?.Invoke(
                $"{stored.Model}: no throughput baseline for {stored.DeviceClass} yet; measuring it side by side against "
                    + $"{GitCommit.Short(commit)}, where its counts were last approved"
            );
            var paired = AgainstGate.Check(Single(setup, stored.Model, setup.Request.Batches, sides), sides.At(commit), progress)[0];
            if (paired.Verdict.Findings.FirstOrDefault(f => f.Code == FindingCodes.NewAtBase) is { } absent)
                throw new PerfGateException(ErrorCodes.BuildFailed, absent.Message);
            return outcome with { Verdict = StoredEvidence.AgainstApproval(stored, paired.Verdict, commit), Against = paired.Against };
        }
        catch (PerfGateException e) when (e.Code != ErrorCodes.BadOption)
        {
            progress?.Invoke($"{stored.Model}: not measured side by side: {Reason(e)}");
            return outcome;
        }
    }

    /// <summary>The check narrowed to one model at <paramref name="batches"/>, for a side-by-side run.</summary>
    private static GateSetup Single(GateSetup setup, string model, string? batches, SideBySide sides)
    {
        var check = setup.Request with
        {
            Models = [model],
            All = false,
            Shard = null,
            Batches = batches,
            Assembly = sides.Head is null ? null : setup.Request.Assembly,
        };
        return setup with { Request = check, Options = check.Options(setup.Options.Runs) };
    }

    private static ModelOutcome Decide(ModelOutcome outcome, int[] batches, GateSetup setup, SideBySide? sides, Action<string>? progress)
    {
        var stored = outcome.Verdict;
        ModelVerdict verdict;
        AgainstBase? against = null;
        try
        {
            if (sides is null)
                throw new PerfGateException(
                    ErrorCodes.GitFailed,
                    "no project to build the approved commit from: the model ran from an assembly or the built-in suite (give --project)"
                );
            var commit = GitRepository.Containing(sides.Project).ApprovedAt(outcome.Approved.ThroughputPath);
            var what = StoredEvidence.Suspects(stored)
                ? "the stored comparison suspects a change"
                : "the stored comparison cannot see a change smaller than the drift between two moments";
            progress?.Invoke(
                $"{stored.Model}: {what}; measuring it side by side against {GitCommit.Short(commit)}, where "
                    + $"{Path.GetFileName(outcome.Approved.ThroughputPath)} was last approved"
            );
            var paired = AgainstGate.Check(Single(setup, stored.Model, string.Join(",", batches), sides), sides.At(commit), progress)[0];
            if (paired.Verdict.Findings.FirstOrDefault(f => f.Code == FindingCodes.NewAtBase) is { } absent)
                throw new PerfGateException(ErrorCodes.BuildFailed, absent.Message);
            verdict = StoredEvidence.Confirmed(stored, paired.Verdict, commit);
            against = paired.Against;
        }
        catch (PerfGateException e) when (e.Code != ErrorCodes.BadOption)
        {
            progress?.Invoke($"{stored.Model}: not measured side by side: {e.Message}");
            verdict = StoredEvidence.Unconfirmed(stored, outcome.Approved.Throughput!.Value.Value, setup.Tolerances, Reason(e));
        }
        var received = setup.Paths.Received(stored.Model, stored.DeviceClass);
        if (!verdict.ProposesBaseline && File.Exists(received))
            File.Delete(received);
        return outcome with { Verdict = verdict, Against = against ?? outcome.Against };
    }

    private static string Reason(PerfGateException e) => $"{e.Code}: {e.Message.TrimEnd('.')}{(e.File is null ? "" : $" ({e.File})")}";
}
