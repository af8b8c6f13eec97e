namespace PerfGate.Orchestration.Native;

/// <summary>What <see cref="VersionNeedRelaxer"/> decided for one file, with the versions and symbols behind it.</summary>
internal sealed record RelaxResult(
    RelaxOutcome Outcome,
    string File,
    IReadOnlyList<string> MissingVersions,
    IReadOnlyList<string> BlockingSymbols
)
{
    public string Describe() =>
        Outcome switch
        {
            RelaxOutcome.NothingMissing => $"{File}: the host libstdc++ has every version it needs; left untouched.",
            RelaxOutcome.AlreadyRelaxed => $"{File}: {string.Join(", ", MissingVersions)} already marked weak.",
            RelaxOutcome.Relaxed =>
                $"{File}: marked {string.Join(", ", MissingVersions)} weak (the host libstdc++ lacks it; only unused symbols are bound "
                    + $"to it).",
            RelaxOutcome.Unsafe =>
                $"{File}: needs {string.Join(", ", MissingVersions)}, which the host libstdc++ lacks, for symbols that are used "
                    + $"({string.Join(", ", BlockingSymbols)}); install a newer libstdc++ (GCC 13 or later).",
            _ => throw new ArgumentOutOfRangeException(nameof(Outcome)),
        };
}
