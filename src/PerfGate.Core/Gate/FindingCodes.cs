namespace PerfGate.Core.Gate;

/// <summary>The gate's finding codes, one meaning each; every one is documented in the README with its meaning and fix.</summary>
internal static class FindingCodes
{
    public const string ThroughputUnchanged = "PG1000";
    public const string CountedChanged = "PG1001";
    public const string ThroughputRegressed = "PG1002";
    public const string ThroughputInconclusive = "PG1003";
    public const string NewDevice = "PG1004";
    public const string ThroughputImproved = "PG1005";
    public const string BatchSetChanged = "PG1006";
    public const string BatchFailed = "PG1007";
    public const string CountedUnchanged = "PG1008";
    public const string NewCounts = "PG1009";
    public const string ReceivedWritten = "PG1010";
    public const string ThroughputNotMeasured = "PG1011";
    public const string NewAtBase = "PG1012";
    public const string MemoryGrew = "PG1013";
    public const string MemoryWithin = "PG1014";

    /// <summary>The measured model failed (it threw, or libtorch did) while other selected models were gated: the same code as the
    /// error a single model's failure is.</summary>
    public const string ModelFailed = ErrorCodes.ModelFailed;
}
