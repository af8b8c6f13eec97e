using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;

namespace PerfGate.Reports;

/// <summary>What one model's report shows: the measurement, and where there is one, the approved baseline and the verdict.</summary>
public sealed record ModelReport(MeasurementResult Current, Baseline? Baseline, ModelVerdict? Verdict)
{
    /// <summary>With --against: head against base per batch size.</summary>
    public Core.Against.AgainstBase? Against { get; init; }

    public string Model => Current.Model;

    /// <summary>The throughput finding for a batch size, when the gate judged it.</summary>
    public Finding? FindingFor(int batch) => Verdict?.Findings.FirstOrDefault(f => f.Batch == batch);
}
