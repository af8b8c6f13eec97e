using System.Reflection;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using Module = TorchSharp.torch.nn.Module;

namespace PerfGate.Torch.Counting;

/// <summary>
/// Puts hooks on a leaf whatever its forward signature: Tensor → Tensor layers, and the recurrent, attention and transformer
/// layers TorchSharp declares with several arguments or results. The shape hook records the first tensor argument, the main
/// output (a recurrent layer's output sequence, attention's output) and, where the cost needs it, a second argument.
/// </summary>
internal static class LeafHooks
{
    /// <summary>Records the leaf's shapes on every call; null when its signature is not one of these (listed as not hooked).</summary>
    public static Action? RecordShapes(string name, Module leaf, ShapeRecorder recorder) =>
        leaf switch
        {
            Module<Tensor, Tensor> m => m.register_forward_hook((l, x, y) => recorder.Record(name, l, x, y)).remove,
            // LSTM: (input, (h0, c0)?) → (output, h_n, c_n)
            Module<Tensor, (Tensor, Tensor)?, (Tensor, Tensor, Tensor)> m => m.register_forward_hook(
                (l, x, _, y) => Passing(recorder.Record(name, l, x, y.Item1), y)
            ).remove,
            // LSTMCell: (input, (h, c)?) → (h', c')
            Module<Tensor, (Tensor, Tensor)?, (Tensor, Tensor)> m => m.register_forward_hook(
                (l, x, _, y) => Passing(recorder.Record(name, l, x, y.Item1), y)
            ).remove,
            // GRU, RNN: (input, h0) → (output, h_n)
            Module<Tensor, Tensor, (Tensor, Tensor)> m => m.register_forward_hook(
                (l, x, _, y) => Passing(recorder.Record(name, l, x, y.Item1), y)
            ).remove,
            // GRUCell, RNNCell, Bilinear, Transformer: (input, second) → output
            Module<Tensor, Tensor, Tensor> m => m.register_forward_hook((l, x, s, y) => recorder.Record(name, l, x, y, s)).remove,
            // TransformerEncoder: (src, mask, key padding mask) → output; EmbeddingBag: (input, offsets, per-sample weights) → output
            Module<Tensor, Tensor, Tensor, Tensor> m => m.register_forward_hook(
                (l, x, _, w, y) => recorder.Record(name, l, x, y, w)
            ).remove,
            // MultiheadAttention: (query, key, value, key padding mask, need weights, attention mask) → (output, weights)
            Module<Tensor, Tensor, Tensor, Tensor, bool, Tensor, Tuple<Tensor, Tensor>> m => m.register_forward_hook(
                (l, q, k, _, _, _, _, y) => Passing(recorder.Record(name, l, q, y.Item1, k), y)
            ).remove,
            // TransformerDecoder and its layer: (target, memory, masks…) → output
            Module<Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor> m => m.register_forward_hook(
                (l, t, memory, _, _, _, _, y) => recorder.Record(name, l, t, y, memory)
            ).remove,
            // MaxUnpool: (input, indices, output size) → output
            Module<Tensor, Tensor, long[], Tensor> m => m.register_forward_hook((l, x, _, _, y) => recorder.Record(name, l, x, y)).remove,
            _ => null,
        };

    /// <summary>A hook of a layer with several results records its main one (<paramref name="recorded"/>) and passes all on.</summary>
    private static T Passing<T>(Tensor recorded, T results) => results;

    /// <summary>
    /// Calls <paramref name="before"/> and <paramref name="after"/> around every call of the leaf, whatever its signature: the
    /// signature-free hooks every TorchSharp module with hooks has (register_forward_pre_hook / register_forward_hook taking an
    /// Action&lt;Module&gt;). Null for a module without them.
    /// </summary>
    public static Action? Around(Module leaf, Action before, Action after)
    {
        var pre = SignatureFree(leaf, "register_forward_pre_hook");
        var post = SignatureFree(leaf, "register_forward_hook");
        if (pre is null || post is null)
            return null;
        var removers = new[] { Register(leaf, pre, _ => before()), Register(leaf, post, _ => after()) };
        return () =>
        {
            foreach (var remover in removers)
                remover();
        };
    }

    private static MethodInfo? SignatureFree(Module leaf, string name) =>
        leaf.GetType().GetMethod(name, BindingFlags.Public | BindingFlags.Instance, [typeof(Action<Module>)]);

    private static Action Register(Module leaf, MethodInfo method, Action<Module> hook)
    {
        var remover = method.Invoke(leaf, [hook])!;
        var remove = remover.GetType().GetMethod("remove", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!;
        return () => remove.Invoke(remover, null);
    }
}
