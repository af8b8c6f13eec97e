using System.Runtime.CompilerServices;

namespace PerfGate.Reports.Tests;

/// <summary>
/// Snapshooter writes a missing snapshot and passes, which on a build server would turn a forgotten or deleted snapshot into a
/// green run that checked nothing. Under CI (the CI variable set, as in .ci/run and GitHub Actions) its strict mode is on: a
/// missing snapshot fails the test. Locally a new snapshot is still written, to be reviewed and committed.
/// </summary>
internal static class SnapshotStrictness
{
    public const string Variable = "SNAPSHOOTER_STRICT_MODE";

    [ModuleInitializer]
    internal static void StrictUnderCi()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Environment.SetEnvironmentVariable(Variable, "true");
    }
}
