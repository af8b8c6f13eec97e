using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Torch.Workloads;

namespace PerfGate.Torch.Measuring;

/// <summary>
/// The gate's measurer on TorchSharp: the host is probed once, then each call measures one workload (built-in or declared in
/// the user's assembly) with the interleaved sampler. <paramref name="slowdown"/> slows every forward pass, for benchmarking
/// the gate itself.
/// </summary>
internal sealed class TorchMeasurer(
    IReadOnlyList<Workload> discovered,
    MeasuringMachine machine,
    int threads,
    double slowdown = 0,
    Action<string>? progress = null
) : IGateMeasurer
{
    public string DeviceClass => machine.Fingerprint.Class;

    public BuildInfo Build => machine.Build;

    public bool CanRemeasure => true;

    public IReadOnlyList<int> DefaultBatches(string model) =>
        BuiltInWorkloads.Find(model, discovered).Batches ?? MeasurePlan.DefaultBatches;

    public MeasurementResult Measure(string model, IReadOnlyList<int> batches, double maxSeconds)
    {
        var workload = InjectedSlowdown.Wrap(BuiltInWorkloads.Find(model, discovered), slowdown);
        var plan = new MeasurePlan(batches, machine.Fingerprint.Device, threads, maxSeconds).Validate();
        return MeasurementEngine.Measure(workload, plan, new SamplerSettings(), machine, progress);
    }
}
