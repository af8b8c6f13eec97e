using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Counting;

/// <summary>The leaf layers of a model (modules without children) under their dotted names: what is counted and what is timed.</summary>
internal static class ModuleLeaves
{
    public static (string Name, Module Module)[] Of(Module model) =>
        model.named_modules().Where(m => !m.Item2.children().Any()).Select(m => (m.Item1, m.Item2)).ToArray();
}
