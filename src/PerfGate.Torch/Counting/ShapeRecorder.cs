using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Counting;

/// <summary>Collects, in execution order, which leaf ran with which input and output shapes.</summary>
internal sealed class ShapeRecorder
{
    private readonly List<Execution> _executions = [];
    private readonly Dictionary<string, int> _calls = [];

    public IReadOnlyList<Execution> Executions => _executions;

    /// <summary>
    /// The forward-hook body: records shapes only, and returns the output unchanged. <paramref name="second"/> is a layer's
    /// second tensor argument where its cost depends on it (attention's keys, a decoder's memory, a cell's state).
    /// </summary>
    public Tensor Record(string name, Module module, Tensor input, Tensor output, Tensor? second = null)
    {
        var call = _calls[name] = _calls.GetValueOrDefault(name) + 1;
        _executions.Add(
            new Execution(call == 1 ? name : $"{name}#{call}", module, input.shape, output.shape, call == 1)
            {
                Second = second?.shape,
                InputBytes = input.numel() * input.ElementSize,
                OutputBytes = output.numel() * output.ElementSize,
            }
        );
        return output;
    }

    /// <summary>One call of a leaf: its shapes, and the bytes of its input and output tensors as they ran (their dtypes).</summary>
    internal sealed record Execution(string Name, Module Module, long[] Input, long[] Output, bool FirstCall)
    {
        public long[]? Second { get; init; }
        public long InputBytes { get; init; }
        public long OutputBytes { get; init; }
    }
}
