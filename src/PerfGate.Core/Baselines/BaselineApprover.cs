using PerfGate.Core.Serialization;

namespace PerfGate.Core.Baselines;

/// <summary>
/// Approval: each received baseline is validated (its model must be its folder's, its device class its file's name), compared
/// with the verified one it replaces, and renamed onto it (atomic on one file system). A verified file that no longer parses
/// is replaced too: re-approving is how a corrupt baseline is fixed. Refused when the CI environment variable is set, unless
/// forced: CI never approves by itself.
/// </summary>
internal static class BaselineApprover
{
    public sealed record Approved(string Model, string What, string VerifiedPath, IReadOnlyList<string> Changes);

    /// <summary>
    /// The one approve every host runs (the command line, and the build's -p:PerfGateApprove=true through the measuring host):
    /// approves the received baselines of each model (null: every model), and refuses to report success when there was nothing
    /// to approve (PG0402, with <paramref name="howToGetSome"/>), so that both hosts agree on that outcome too.
    /// </summary>
    public static IReadOnlyList<Approved> ApproveAll(
        BaselinePaths paths,
        IReadOnlyList<string?> models,
        bool force,
        string? ciVariable,
        string howToGetSome
    )
    {
        var approved = Approve(paths, models, force, ciVariable);
        if (approved.Count == 0)
        {
            var which = models.Any(m => m is null) ? "any model" : string.Join(", ", models);
            throw new PerfGateException(
                ErrorCodes.NothingToApprove,
                $"nothing to approve: no received baselines for {which}. {howToGetSome}",
                paths.Root
            );
        }
        return approved;
    }

    /// <summary>What approve prints: each file approved and, under it, what changed.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<Approved> approved) =>
        approved.SelectMany(a => new[] { $"approved {a.Model} {a.What} -> {a.VerifiedPath}" }.Concat(a.Changes.Select(c => $"  {c}")));

    public static IReadOnlyList<Approved> Approve(BaselinePaths paths, string? model, bool force, string? ciVariable) =>
        Approve(paths, [model], force, ciVariable);

    /// <summary>Approves the received files of every model named (null: all) together: all of them are moved, or none.</summary>
    private static IReadOnlyList<Approved> Approve(BaselinePaths paths, IReadOnlyList<string?> models, bool force, string? ciVariable)
    {
        if (!string.IsNullOrEmpty(ciVariable) && !force)
            throw new PerfGateException(
                ErrorCodes.ApproveRefusedOnCi,
                "refusing to approve baselines on a CI server (CI is set): approve locally and commit, or pass --force if you really "
                    + "mean it."
            );

        // Every candidate is validated before the first is moved: one bad file approves nothing. Then all are moved or none.
        var tolerances = Gate.ToleranceConfig.Load(paths.Root);
        var candidates = models
            .SelectMany(m => paths.AllReceived(m))
            .Distinct()
            .Select(received => Candidate(received, tolerances))
            .ToArray();
        var approved = candidates
            .Select(c =>
            {
                var verified = BaselinePaths.VerifiedFor(c.Received);
                return new Approved(c.Model, c.What, verified, c.Describe(verified));
            })
            .ToArray();
        ApprovalMoves.All(candidates.Select(c => c.Received).ToArray());
        return approved;
    }

    private static (string Received, string Model, string What, Func<string, IReadOnlyList<string>> Describe) Candidate(
        string received,
        Gate.ToleranceConfig tolerances
    )
    {
        var folderModel = Path.GetFileName(Path.GetDirectoryName(received))!;
        if (new FileInfo(received).LinkTarget is { } target)
            throw new PerfGateException(
                ErrorCodes.BadBaseline,
                $"this received file is a symbolic link (to {target}), not a file PerfGate wrote: a verified baseline must be a file "
                    + $"in the repository. Delete the link and run the gate again.",
                received
            );
        if (BaselinePaths.IsCounts(received))
        {
            var counts = BaselineJson.ReadCounts(received, folderModel);
            return (received, folderModel, "counts", verified =>
                Previous(verified, v => BaselineJson.ReadCounts(v), old => BaselineChanges.Counted(old?.Counted, counts.Counted))
            );
        }
        var baseline = BaselineJson.Read(received, folderModel);
        var fileClass = Path.GetFileName(received)[..^BaselinePaths.ReceivedSuffix.Length];
        if (baseline.DeviceClass != fileClass)
            throw new PerfGateException(
                ErrorCodes.BaselineOfAnotherDevice,
                $"this received baseline's deviceClass is '{baseline.DeviceClass}' but its file name says '{fileClass}'; measure again "
                    + $"on this machine.",
                received,
                JsonLines.Of(File.ReadAllText(received), "deviceClass")
            );
        RequireEnoughSamples(baseline, tolerances, received);
        return (received, folderModel, $"throughput on {baseline.DeviceClass}", verified =>
            Previous(verified, v => BaselineJson.Read(v), old => BaselineChanges.Throughput(old, baseline))
        );
    }

    /// <summary>
    /// A throughput baseline with fewer samples at a batch size than the gate needs to decide there (minSamples) would make every
    /// later check of that batch INCONCLUSIVE: PG0404, with what to do, before anything is moved.
    /// </summary>
    private static void RequireEnoughSamples(Baseline baseline, Gate.ToleranceConfig tolerances, string received)
    {
        foreach (var (batch, snapshot) in baseline.Throughput)
        {
            var need = tolerances.For(baseline.Model, batch).MinSamples;
            if (snapshot.NormalizedSamples.Length < need)
                throw new PerfGateException(
                    ErrorCodes.BaselineTooThin,
                    $"this received baseline has {snapshot.NormalizedSamples.Length} sample(s) at batch {batch}, and the gate needs {need} "
                        + $"(minSamples) to decide: every later check of that batch would be INCONCLUSIVE. Measure it longer (a larger "
                        + $"--max-seconds or PerfGateMaxSeconds, or approve --runs 3) and approve again.",
                    received,
                    JsonLines.Of(
                        File.ReadAllText(received),
                        "throughput",
                        batch.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    )
                );
        }
    }

    private static IReadOnlyList<string> Previous<T>(string verified, Func<string, T> read, Func<T?, IReadOnlyList<string>> describe)
        where T : class
    {
        if (!File.Exists(verified))
            return describe(null);
        try
        {
            return describe(read(verified));
        }
        catch (PerfGateException e)
        {
            return [$"replaces an unreadable verified file ({e.Code}: {e.Message})"];
        }
    }
}
