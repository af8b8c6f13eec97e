namespace PerfGate.Core;

/// <summary>Process exit codes shared by every perfgate command and the MSBuild task that reads them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int GateFailed = 1;
    public const int BadInput = 2;
    public const int Inconclusive = 3;
    public const int MeasuredProcessFailed = 4;

    /// <summary>PerfGate itself failed: it could not write a file (PG0011), or a bug (PG0999).</summary>
    public const int PerfGateFailed = 5;
}
