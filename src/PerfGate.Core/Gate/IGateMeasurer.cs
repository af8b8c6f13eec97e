using PerfGate.Core.Measurements;

namespace PerfGate.Core.Gate;

/// <summary>
/// What the gate needs from whoever measures: the device class and build it measures on (known before anything is measured),
/// and a measurement of a model at given batch sizes. The TorchSharp side implements it; tests and `check --results` replace it.
/// </summary>
internal interface IGateMeasurer
{
    string DeviceClass { get; }

    BuildInfo Build { get; }

    /// <summary>The file a recorded measurement came from, for errors about it; null when measuring live.</summary>
    string? Source => null;

    /// <summary>Whether measuring again can confirm a suspected regression (not for a recorded result).</summary>
    bool CanRemeasure { get; }

    /// <summary>Batch sizes for a model when neither the command line nor a baseline names any.</summary>
    IReadOnlyList<int> DefaultBatches(string model);

    MeasurementResult Measure(string model, IReadOnlyList<int> batches, double maxSeconds);
}
