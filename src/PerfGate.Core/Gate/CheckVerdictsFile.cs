using PerfGate.Core.Serialization;

namespace PerfGate.Core.Gate;

/// <summary>Reads the verdicts `perfgate check --report` wrote (its JSON report file), for `perfgate annotate`, strictly; a bad
/// file is PG0007 naming it.</summary>
internal static class CheckVerdictsFile
{
    public static CheckVerdicts Read(string path)
    {
        var verdicts = JsonFile.Read<CheckVerdicts>(path, "check report (from 'perfgate check --report')");
        if (verdicts.Models.Any(m => m.Findings.Any(f => f.Line < 0)))
            throw new PerfGateException(ErrorCodes.BadResults, "a finding has a negative line number.", path);
        return verdicts;
    }
}
