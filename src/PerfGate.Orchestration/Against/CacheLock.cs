using PerfGate.Core;

namespace PerfGate.Orchestration.Against;

/// <summary>
/// An exclusive lock on one base-cache entry, held while its worktree is made and its builds run, so that two A/B runs
/// sharing a cache never rebuild (or re-create the worktree) under each other: the second waits, then reuses. A file opened
/// with FileShare.None, which .NET turns into an advisory flock on Unix and a sharing lock on Windows; the operating system
/// releases it when the holder dies, so a crashed run never leaves the entry locked.
/// </summary>
internal sealed class CacheLock : IDisposable
{
    public const string LockedTooLong = ErrorCodes.BaseCacheLocked;

    private readonly FileStream _file;

    private CacheLock(FileStream file) => _file = file;

    public static CacheLock Acquire(string path, TimeSpan timeout, Action<string>? progress = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var said = false;
        while (true)
        {
            try
            {
                return new CacheLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                if (!said)
                    progress?.Invoke($"base: another run is preparing this base build; waiting for it ({path})");
                said = true;
                Thread.Sleep(250);
            }
            catch (IOException)
            {
                throw new PerfGateException(
                    LockedTooLong,
                    $"the base cache entry stayed locked by another run for {timeout.TotalMinutes:0} minutes; if no other PerfGate run "
                        + $"is building this base, delete the lock file.",
                    path
                );
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
