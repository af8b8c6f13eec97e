namespace PerfGate.Core.Baselines;

/// <summary>
/// Moves received files onto their verified files all together or not at all. Each verified file is first set aside (renamed
/// beside itself), then its received file renamed onto its place; when any step fails (a verified file that cannot be renamed,
/// a folder in the way, a received file another approve took), every step already taken is undone in reverse, and the error says
/// that nothing was approved. The set-aside copies are deleted only once every file is in place.
/// </summary>
internal static class ApprovalMoves
{
    private sealed record Step(string Received, string Verified, string? SetAside);

    public static void All(IReadOnlyList<string> received)
    {
        var done = new List<Step>();
        foreach (var file in received)
        {
            var verified = BaselinePaths.VerifiedFor(file);
            string? setAside = null;
            try
            {
                if (!File.Exists(file))
                    throw new FileNotFoundException("the received file is gone", file);
                if (File.Exists(verified))
                {
                    setAside = Path.Combine(
                        Path.GetDirectoryName(verified)!,
                        $".{Path.GetFileName(verified)}.{Guid.NewGuid():N}.approving"
                    );
                    File.Move(verified, setAside);
                }
                File.Move(file, verified);
                done.Add(new Step(file, verified, setAside));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (setAside is not null && File.Exists(setAside))
                    File.Move(setAside, verified);
                Undo(done);
                throw Failed(file, verified, e, done.Count);
            }
        }
        foreach (var step in done.Where(s => s.SetAside is not null))
            File.Delete(step.SetAside!);
    }

    private static void Undo(List<Step> done)
    {
        foreach (var step in Enumerable.Reverse(done))
        {
            File.Move(step.Verified, step.Received);
            if (step.SetAside is not null)
                File.Move(step.SetAside, step.Verified);
        }
    }

    private static PerfGateException Failed(string received, string verified, Exception e, int undone)
    {
        var nothing = $"Nothing was approved{(undone > 0 ? $" ({undone} file(s) already moved were put back)" : "")}";
        return e is FileNotFoundException
            ? new PerfGateException(
                ErrorCodes.ReceivedVanished,
                "this received file is gone: another approve running at the same time took it (or it was removed). "
                    + $"{nothing}; run approve again to see what is left.",
                received
            )
            : new PerfGateException(
                ErrorCodes.FileAccess,
                $"PerfGate could not replace this verified file: {PerfGateException.FirstLine(e.Message)}. {nothing}: every verified "
                    + "and received file is as it was. Make the file writable (or move what is in its place) and approve again.",
                verified,
                exitCode: ExitCodes.PerfGateFailed
            );
    }
}
