using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

/// <summary>A measurer that hands out prepared results in order and remembers which batch sizes each call asked for.</summary>
internal sealed class FakeMeasurer(params Func<IReadOnlyList<int>, MeasurementResult>[] results) : IGateMeasurer
{
    private int _next;

    public List<IReadOnlyList<int>> Asked { get; } = [];

    public string DeviceClass => SyntheticResults.Cpu.Class;

    public BuildInfo Build { get; init; } = SyntheticResults.Release;

    public bool CanRemeasure => true;

    public IReadOnlyList<int> DefaultBatches(string model) => [1, 8];

    public MeasurementResult Measure(string model, IReadOnlyList<int> batches, double maxSeconds)
    {
        Asked.Add(batches);
        return results[Math.Min(_next++, results.Length - 1)](batches);
    }

    public static FakeMeasurer Of(params MeasurementResult[] results) =>
        new(results.Select(r => (Func<IReadOnlyList<int>, MeasurementResult>)(_ => r)).ToArray());
}
