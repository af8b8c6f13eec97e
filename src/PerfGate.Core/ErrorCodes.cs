namespace PerfGate.Core;

/// <summary>
/// Every PG code of an error or a warning PerfGate raises, declared once (the verdict's own codes, PG1000 on, are
/// <see cref="Gate.FindingCodes"/>). docs/error-codes.md has one row per code, with what to do; a test holds the two together.
/// </summary>
internal static class ErrorCodes
{
    public const string UnknownModel = "PG0002";
    public const string BadDevice = "PG0003";
    public const string ModelFailed = "PG0004";
    public const string BadOption = "PG0005";
    public const string BadStabilityInput = "PG0006";
    public const string BadResults = "PG0007";
    public const string AssemblyUnusable = "PG0008";
    public const string NoWorkloads = "PG0009";
    public const string DebugBuild = "PG0010";
    public const string FileAccess = "PG0011";
    public const string BadModelName = "PG0012";
    public const string GitFailed = "PG0013";
    public const string BuildFailed = "PG0014";
    public const string NoMeasuringHost = "PG0015";
    public const string BadBuildProperty = "PG0016";
    public const string BaseCacheLocked = "PG0017";
    public const string NativeVersionRelaxed = "PG0101";
    public const string NativeLibraryUnreadable = "PG0102";
    public const string BadBaseline = "PG0201";
    public const string BaselineSchema = "PG0202";
    public const string BaselineOfAnotherModel = "PG0203";
    public const string BaselineValueOutOfRange = "PG0204";
    public const string BaselineFirstLayout = "PG0205";
    public const string BaselineOfAnotherDevice = "PG0206";
    public const string MigrateDisagrees = "PG0207";
    public const string BadTolerances = "PG0301";
    public const string ApproveRefusedOnCi = "PG0401";
    public const string NothingToApprove = "PG0402";
    public const string ReceivedVanished = "PG0403";
    public const string BaselineTooThin = "PG0404";
    public const string Internal = "PG0999";
    public const string ProcessCrashed = "PG2004";
    public const string ProcessTimedOut = "PG2005";
    public const string ReportMissing = "PG2006";
}
