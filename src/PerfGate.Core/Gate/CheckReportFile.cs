using PerfGate.Core.Serialization;

namespace PerfGate.Core.Gate;

/// <summary>Reads a check report written by `perfgate check --report` (for `perfgate annotate`), strictly; a bad file is PG0007 naming
/// it.</summary>
internal static class CheckReportFile
{
    public static CheckReport Read(string path)
    {
        var report = JsonFile.Read<CheckReport>(path, "check report (from 'perfgate check --report')");
        if (report.Models.Any(m => m.Findings.Any(f => f.Line < 0)))
            throw new PerfGateException(ErrorCodes.BadResults, "a finding has a negative line number.", path);
        return report;
    }
}
