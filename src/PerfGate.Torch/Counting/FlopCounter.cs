using PerfGate.Core.Flops;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Counting;

/// <summary>
/// Counts FLOPs per leaf layer from the shapes that actually flow through a model: a forward hook on every leaf
/// module (<see cref="LeafHooks"/>: Tensor → Tensor, recurrent, attention and transformer signatures) records its input and
/// output shapes during one real forward pass, and the cost rules turn those into
/// MACs, FLOPs and other FLOPs. Works the same on a user's model as on the built-in ones. A leaf the counter does
/// not know is reported as unknown unless it implements <see cref="ICountsOwnFlops"/> or a rule is registered.
/// </summary>
public sealed class FlopCounter
{
    private readonly Dictionary<Type, Func<Module, long[], long[], LayerCost>> _rules = [];

    /// <summary>Registers the cost of a custom layer type that cannot implement <see cref="ICountsOwnFlops"/> itself.</summary>
    public FlopCounter Register<TModule>(Func<TModule, long[], long[], LayerCost> rule)
        where TModule : Module
    {
        _rules[typeof(TModule)] = (m, i, o) => rule((TModule)m, i, o);
        return this;
    }

    /// <summary>Runs one forward pass of <paramref name="model"/> on <paramref name="input"/> (no grad) and counts it.</summary>
    public FlopReport Count(string modelName, Module<Tensor, Tensor> model, Tensor input)
    {
        var recorder = new ShapeRecorder();
        var leaves = ModuleLeaves.Of(model);
        var removers = new List<Action>();
        var notHooked = new List<(string Name, Module Module)>();
        try
        {
            foreach (var (name, leaf) in leaves)
            {
                if (LeafHooks.RecordShapes(name, leaf, recorder) is { } remove)
                    removers.Add(remove);
                else
                    notHooked.Add((name, leaf));
            }
            using (no_grad())
            using (NewDisposeScope())
            {
                model.call(input);
            }
        }
        finally
        {
            foreach (var remove in removers)
                remove();
        }

        var rows = recorder.Executions.Select(Row).ToList();
        // Leaves of a signature the hooks do not know are reported, not dropped.
        rows.AddRange(notHooked.Select(l => LayerCount.Uncounted(l.Name, l.Module.GetName(), [], [], Parameters(l.Module))));
        var ran = recorder.Executions.Select(e => e.Module).ToHashSet(ReferenceEqualityComparer.Instance);
        var neverRan = leaves
            .Where(l => !notHooked.Contains(l) && !ran.Contains(l.Module))
            .Select(l => LayerCount.Uncounted(l.Name, l.Module.GetType().Name, [], [], Parameters(l.Module)))
            .Where(l => l.Params > 0)
            .ToArray();
        return new FlopReport(modelName, (int)input.shape[0], rows)
        {
            NeverRan = neverRan,
            Input = new ModelInput(input.shape, input.dtype.ToString()),
        };
    }

    private LayerCount Row(ShapeRecorder.Execution e)
    {
        var cost = Cost(e.Module, e.Input, e.Output, e.Second);
        var kind = e.Module.GetType().Name;
        var parameters = e.FirstCall ? Parameters(e.Module) : 0; // a layer called twice holds its weights once
        var row = cost is null
            ? LayerCount.Uncounted(e.Name, kind, e.Input, e.Output, parameters)
            : LayerCount.Counted(e.Name, kind, e.Input, e.Output, parameters, cost);
        return row with { InputBytes = e.InputBytes, OutputBytes = e.OutputBytes, ParamBytes = e.FirstCall ? ParameterBytes(e.Module) : 0 };
    }

    private static long ParameterBytes(Module module) => module.parameters().Sum(p => p.numel() * p.ElementSize);

    private LayerCost? Cost(Module module, long[] input, long[] output, long[]? second)
    {
        if (_rules.TryGetValue(module.GetType(), out var rule))
            return rule(module, input, output);
        if (module is ICountsOwnFlops own)
            return own.CountFlops(input, output);
        return BuiltInCosts.For(module, input, output) ?? SequenceCosts.For(module, input, output, second);
    }

    private static long Parameters(Module module) => module.parameters().Sum(p => p.numel());
}
