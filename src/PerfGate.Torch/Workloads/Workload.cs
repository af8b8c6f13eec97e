using PerfGate.Torch.Counting;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Workloads;

/// <summary>A model the gate can count and measure: a name, how to build it, and its input shape per example.</summary>
internal sealed record Workload(string Name, string Description, long[] InputShape, Func<Module<Tensor, Tensor>> Create)
{
    /// <summary>The FLOP counter for this model, with any rules its author registered for custom layers.</summary>
    public Func<FlopCounter> Counter { get; init; } = () => new FlopCounter();

    /// <summary>Batch sizes to measure when neither the command line nor a baseline names any.</summary>
    public IReadOnlyList<int>? Batches { get; init; }

    /// <summary>The user's assembly that declared this workload; null for a built-in one.</summary>
    public System.Reflection.Assembly? Assembly { get; init; }

    /// <summary>The workload's own input (IPerfGateWorkload.Input); null: random floats of <see cref="InputShape"/>.</summary>
    public Func<long, Device, Tensor>? InputFactory { get; init; }

    /// <summary>A synthetic input batch, from a generator seeded by the caller's fixed seed: the workload's own, or random
    /// floats of [batch, .. InputShape].</summary>
    public Tensor Input(int batch, Device device) => InputFactory?.Invoke(batch, device) ?? randn([batch, .. InputShape], device: device);
}
