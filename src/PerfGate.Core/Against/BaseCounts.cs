using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Against;

/// <summary>
/// Counted metrics, head against base, exactly. A change fails unless the reviewer approved exactly head's counts in this pull
/// request (the approved counts file matches head): then it is reported and passes.
/// </summary>
internal static class BaseCounts
{
    /// <param name="baseName">How findings name base ("base 0123456789ab").</param>
    /// <param name="reference">The ref whose merge-base is base.</param>
    public static IEnumerable<Finding> Compare(
        string model,
        MeasurementResult baseCounts,
        MeasurementResult headCounts,
        bool countsApproved,
        string baseName,
        string reference
    ) =>
        CountedComparer
            .Compare(model, CountedMetrics.From(baseCounts), CountedMetrics.From(headCounts), null, null)
            .Select(f =>
                f.Code == FindingCodes.CountedUnchanged
                    ? f with
                    {
                        Metric = "counted metrics against base",
                        Message =
                            $"kind, shapes, params, MACs, flops, otherFlops and bytes of all {headCounts.Layers.Count} layers are exactly "
                            + $"as at {baseName}.",
                    }
                    : f with
                    {
                        Metric = $"{f.Metric} against base",
                        Verdict = countsApproved ? Verdict.Pass : Verdict.Fail,
                        ProposesBaseline = !countsApproved,
                        Message = countsApproved
                            ? $"changed against {baseName}, as approved in the counts file: {f.Message}"
                            : $"changed against {baseName} ({reference}'s merge-base): {f.Message} If intended, approve the received "
                                + $"counts.",
                    }
            );
}
