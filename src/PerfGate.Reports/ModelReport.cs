using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;

namespace PerfGate.Reports;

/// <summary>What one model's report shows: the measurement, and where there is one, the approved baseline and the verdict.</summary>
internal sealed record ModelReport(MeasurementResult Current, Baseline? Baseline, ModelVerdict? Verdict)
{
    /// <summary>With --against: head against base per batch size.</summary>
    public AgainstBase? Against { get; init; }

    public string Model => Current.Model;

    /// <summary>
    /// The profile the report shows: the largest batch size measured with one, and the approved baseline's profile of that
    /// batch size when it has one; null when nothing was profiled.
    /// </summary>
    public (LayerProfile Current, LayerProfile? Baseline)? Profile =>
        Current.LargestProfile() is { } now ? (now, Baseline?.Throughput.GetValueOrDefault(now.Batch)?.Profile) : null;

    /// <summary>With --against: the largest batch size whose layers were profiled on both sides.</summary>
    public PairedSummary? LayersAgainstBase => Against?.Batches.LastOrDefault(b => b.Layers.Count > 0);

    /// <summary>The throughput finding for a batch size, when the gate judged it.</summary>
    public Finding? FindingFor(int batch) => Verdict?.Findings.FirstOrDefault(f => f.Batch == batch);
}
