using PerfGate.Torch.Counting;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Workloads;

/// <summary>
/// The public API for gating your own model: implement it on a public class with a parameterless constructor in the project
/// that enables PerfGate, and the gate finds it in the built assembly, counts it and measures it.
/// <code>
/// public sealed class MyNetWorkload : IPerfGateWorkload
/// {
///     public string Name => "mynet";
///     public long[] InputShape => [3, 32, 32];
///     public Module&lt;Tensor, Tensor&gt; Create() => new MyNet();
/// }
/// </code>
/// </summary>
public interface IPerfGateWorkload
{
    /// <summary>The model's name: its baseline folder under baselines/, and what --model selects. Lower case, no spaces.</summary>
    string Name { get; }

    /// <summary>The shape of one input example, without the batch dimension (e.g. [3, 224, 224]).</summary>
    long[] InputShape { get; }

    /// <summary>Builds the model. Called once per measuring process; no timing, no I/O.</summary>
    Module<Tensor, Tensor> Create();

    /// <summary>
    /// One batch of input on <paramref name="device"/>, shaped [batch, .. InputShape]: by default random floats. A model that
    /// takes other input returns it here, e.g. token ids as int64 for an embedding:
    /// <c>randint(0, vocabulary, [batch, .. InputShape], dtype: int64, device: device)</c>. Called with the generator seeded the
    /// same in every measuring process; no I/O.
    /// </summary>
    Tensor Input(long batch, Device device) => randn([batch, .. InputShape], device: device);

    /// <summary>Batch sizes measured when the baseline names none.</summary>
    int[] Batches => [1, 8];

    /// <summary>Registers FLOP rules for custom layers the counter does not know (or implement ICountsOwnFlops on them).</summary>
    void RegisterFlops(FlopCounter counter) { }
}
