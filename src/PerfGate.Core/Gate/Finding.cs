namespace PerfGate.Core.Gate;

/// <summary>
/// One judged metric, as data: hosts turn it into a table row, an MSBuild error or a GitHub annotation.
/// <see cref="Delta"/> is relative ((current − baseline) / baseline); <see cref="File"/> and <see cref="Line"/> point at the
/// metric in the verified baseline when there is one.
/// </summary>
internal sealed record Finding(
    string Code,
    Verdict Verdict,
    string Model,
    string Metric,
    double? Baseline,
    double? Current,
    double? Delta,
    double? Threshold,
    double? PValue,
    string Message,
    string? File = null,
    int Line = 0
)
{
    /// <summary>An improvement or a counted change: the received file is the proposed new baseline.</summary>
    public bool ProposesBaseline { get; init; }

    /// <summary>The batch size a throughput finding is about; null for counted metrics.</summary>
    public int? Batch { get; init; }

    /// <summary>A throughput finding that is not a pass: the layers whose time grew against the baseline's profile, when both have
    /// one.</summary>
    public IReadOnlyList<Measurements.LayerShift>? Attribution { get; init; }
}
