using PerfGate.Core.Measurements;

namespace PerfGate.Core.Gate;

/// <summary>A measurement read from a results file (`check --results`): judged as it is, never re-measured.</summary>
internal sealed class ResultsFileMeasurer(MeasurementResult recorded, string? source = null) : IGateMeasurer
{
    public string? Source => source;

    public string DeviceClass => recorded.Fingerprint.Class;

    public BuildInfo Build => recorded.Build;

    public bool CanRemeasure => false;

    public IReadOnlyList<int> DefaultBatches(string model) => recorded.Batches.Select(b => b.Batch).ToArray();

    public MeasurementResult Measure(string model, IReadOnlyList<int> batches, double maxSeconds) =>
        model == recorded.Model
            ? recorded
            : throw new PerfGateException(ErrorCodes.BadOption, $"the results file holds model '{recorded.Model}', not '{model}'.");
}
