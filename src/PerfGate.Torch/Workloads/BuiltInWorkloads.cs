using PerfGate.Core;
using PerfGate.Torch.Models;

namespace PerfGate.Torch.Workloads;

/// <summary>The suite that ships with PerfGate: tf_cnn_benchmarks' AlexNet and the talk's MLP stacks.</summary>
internal static class BuiltInWorkloads
{
    public static readonly IReadOnlyList<Workload> All =
    [
        new("alexnet", "AlexNet as in tf_cnn_benchmarks, 3x227x227 input, 1000 classes", AlexNet.InputShape, () => AlexNet.Create()),
        new("mlp-stack-1", "4096-wide input through 1 affine(4096)+ReLU", MlpStack.InputShape, () => MlpStack.Create(1)),
        new("mlp-stack-2", "4096-wide input through 2 affine(4096)+ReLU", MlpStack.InputShape, () => MlpStack.Create(2)),
        new("mlp-stack-4", "4096-wide input through 4 affine(4096)+ReLU", MlpStack.InputShape, () => MlpStack.Create(4)),
    ];

    public static Workload Find(string name) => Find(name, []);

    /// <summary>
    /// A model by name among the built-ins and the workloads discovered in the user's assembly (which win), matched as
    /// <see cref="ModelName.Resolve"/> does: the workload returned carries the declared spelling, which every path uses.
    /// </summary>
    public static Workload Find(string name, IReadOnlyList<Workload> discovered)
    {
        var all = discovered.Concat(All).ToArray();
        var canonical = ModelName.Resolve(name, all.Select(w => w.Name))
            ?? throw ModelName.Unknown(name, All.Select(w => w.Name), discovered.Select(w => w.Name).ToArray());
        return all.First(w => w.Name == canonical);
    }
}
