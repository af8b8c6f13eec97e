using PerfGate.Core;
using PerfGate.Torch.Models;

namespace PerfGate.Torch.Workloads;

/// <summary>The suite that ships with PerfGate: tf_cnn_benchmarks' AlexNet and the talk's MLP stacks.</summary>
public static class BuiltInWorkloads
{
    public static readonly IReadOnlyList<Workload> All =
    [
        new("alexnet", "AlexNet as in tf_cnn_benchmarks, 3x227x227 input, 1000 classes", AlexNet.InputShape, () => AlexNet.Create()),
        new("mlp-stack-1", "4096-wide input through 1 affine(4096)+ReLU", MlpStack.InputShape, () => MlpStack.Create(1)),
        new("mlp-stack-2", "4096-wide input through 2 affine(4096)+ReLU", MlpStack.InputShape, () => MlpStack.Create(2)),
        new("mlp-stack-4", "4096-wide input through 4 affine(4096)+ReLU", MlpStack.InputShape, () => MlpStack.Create(4)),
    ];

    public static Workload Find(string name) => Find(name, []);

    /// <summary>A model by name among the built-ins and the workloads discovered in the user's assembly (which win).</summary>
    public static Workload Find(string name, IReadOnlyList<Workload> discovered) =>
        discovered.Concat(All).FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new PerfGateException("PG0002", $"Unknown model '{name}'. Built-in models: {string.Join(", ", All.Select(w => w.Name))}" +
            (discovered.Count > 0 ? $"; declared in the assembly: {string.Join(", ", discovered.Select(w => w.Name))}." : "."));
}
