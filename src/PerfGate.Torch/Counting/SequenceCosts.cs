using PerfGate.Core.Flops;
using TorchSharp.Modules;
using static PerfGate.Core.Flops.SequenceRules;
using Module = TorchSharp.torch.nn.Module;

namespace PerfGate.Torch.Counting;

/// <summary>
/// Cost rules for TorchSharp's recurrent, attention and transformer layers (native modules: their configuration is read from
/// their parameters' shapes, their sizes from the shapes that ran). Null for any other layer.
/// </summary>
internal static class SequenceCosts
{
    /// <summary>
    /// The cost of one call; <paramref name="second"/> is attention's key shape (the query's when absent). Shapes as TorchSharp
    /// runs them: a sequence layer's input (sequence, batch, features) or (batch, sequence, features), a cell's (batch,
    /// features); attention and the encoder (sequence, batch, embed), or unbatched without the batch dimension.
    /// </summary>
    public static LayerCost? For(Module module, long[] input, long[] output, long[]? second = null) =>
        module switch
        {
            LSTM or LSTMCell => Recurrent(module, Recurrence.Lstm, input),
            GRU or GRUCell => Recurrent(module, Recurrence.Gru, input),
            RNN or RNNCell => Recurrent(module, Recurrence.Rnn, input),
            MultiheadAttention m => AttentionOf(m, input, second ?? input),
            EmbeddingBag m => BagReductionOf(m) is { } reduction
                ? CostRules.EmbeddingBag(reduction, Shape.Elements(input), output[0], output[^1], weighted: second is not null)
                : null,
            TransformerEncoderLayer m => Heads(m, input, input, mask => m.call(Zeros(m, input), mask)) is { } h
                ? EncoderLayerOf(Weights(module), "", input, h)
                : null,
            TransformerEncoder m => Heads(m, input, input, mask => m.call(Zeros(m, input), mask)) is { } h
                ? EncoderOf(Weights(module), "", input, h)
                : null,
            TransformerDecoderLayer m => Heads(m, input, input, mask => m.call(Zeros(m, input), Zeros(m, second ?? input), mask)) is { } h
                ? DecoderLayerOf(Weights(module), "", input, second ?? input, h)
                : null,
            TransformerDecoder m => Heads(m, input, input, mask =>
                m.call(Zeros(m, input), Zeros(m, second ?? input), mask, null, null, null)
            )
                is { } h
                ? DecoderOf(Weights(module), "", input, second ?? input, h)
                : null,
            // (source, target) → output: the encoder over the source, the decoder over the target with the encoder's memory
            Transformer m => Heads(m, input, input, mask => m.call(Zeros(m, input), Zeros(m, second ?? input), mask)) is { } h
            && EncoderOf(Weights(module), "encoder.", input, h) is { } encoder
            && DecoderOf(Weights(module), "decoder.", second ?? input, input, h) is { } decoder
                ? Sum(encoder, decoder)
                : null,
            _ => null,
        };

    /// <summary>The layer's head count, probed with a 3-D mask over <paramref name="queries"/> × <paramref name="keys"/>
    /// (<see cref="HeadCount"/>); shapes (length, batch, embed), or (length, embed) unbatched.</summary>
    private static long? Heads(Module module, long[] queries, long[] keys, Action<TorchSharp.torch.Tensor> run)
    {
        var batched = queries.Length == 3;
        return HeadCount.Probe(queries[^1], batched ? queries[1] : 1, queries[0], keys[0], batched, Device(module), run);
    }

    /// <summary>
    /// How a bag reduces (TorchSharp does not expose it): the layer run on two bags of two rows each, [r, r] and [r, s], against
    /// its own weights: 2·w_r is sum, (w_r + w_s) ÷ 2 mean, max(w_r, w_s) max. Rows r, s are tried from the table's end (a
    /// padding row is skipped by the layer); null when the answer is ambiguous (equal rows) or none fits.
    /// </summary>
    private static CostRules.BagReduction? BagReductionOf(EmbeddingBag module)
    {
        using var noGrad = TorchSharp.torch.no_grad();
        using var scope = TorchSharp.torch.NewDisposeScope();
        var weight = module.parameters().First();
        var rows = weight.shape[0];
        for (long r = rows - 1; r >= 1 && r >= rows - 3; r--)
        {
            long s = r - 1;
            var ids = TorchSharp.torch.tensor(new long[] { r, r, r, s }, device: weight.device).view(2, 2);
            var bags = module.forward(ids, null, null);
            var (wr, ws) = (weight[r], weight[s]);
            bool Is(TorchSharp.torch.Tensor same, TorchSharp.torch.Tensor mixed) => bags[0].allclose(same) && bags[1].allclose(mixed);
            var fits = new (CostRules.BagReduction Reduction, bool Fits)[]
            {
                (CostRules.BagReduction.Sum, Is(wr * 2, wr + ws)),
                (CostRules.BagReduction.Mean, Is(wr, (wr + ws) / 2)),
                (CostRules.BagReduction.Max, Is(wr, TorchSharp.torch.maximum(wr, ws))),
            }
                .Where(f => f.Fits)
                .ToArray();
            if (fits.Length == 1)
                return fits[0].Reduction;
        }
        return null;
    }

    private static TorchSharp.torch.Device Device(Module module) => module.parameters().First().device;

    private static TorchSharp.torch.Tensor Zeros(Module module, long[] shape) => TorchSharp.torch.zeros(shape, device: Device(module));

    private static Dictionary<string, long[]> Weights(Module module) =>
        module.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);

    /// <summary>
    /// Every cell's input width and hidden size from its weights: weight_ih_l{k}[_reverse] is (gates × hidden, input),
    /// weight_hh_l{k} (gates × hidden, hidden); a cell's are weight_ih and weight_hh. Steps are the input's elements over the
    /// first cell's input width (sequence × batch, whichever comes first).
    /// </summary>
    private static LayerCost Recurrent(Module module, Recurrence kind, long[] input)
    {
        var weights = Weights(module);
        var cells = weights
            .Where(w => w.Key.StartsWith("weight_ih", StringComparison.Ordinal))
            .Select(w => new Cell(w.Value[1], weights[w.Key.Replace("weight_ih", "weight_hh", StringComparison.Ordinal)][1]))
            .ToArray();
        var bias = weights.Keys.Any(k => k.StartsWith("bias_ih", StringComparison.Ordinal));
        var steps = Shape.Elements(input) / cells[0].InFeatures;
        return SequenceRules.Recurrent(kind, steps, cells, bias);
    }

    /// <summary>
    /// Attention from in_proj_weight (3 × embed, embed), or q/k/v_proj_weight when keys and values have their own widths;
    /// queries and keys (length, batch, features), or (length, features) unbatched; its head count probed.
    /// </summary>
    private static LayerCost? AttentionOf(MultiheadAttention module, long[] query, long[] key)
    {
        var weights = Weights(module);
        var embed = weights["out_proj.weight"][0];
        var (keyFeatures, valueFeatures) = weights.TryGetValue("k_proj_weight", out var k)
            ? (k[1], weights["v_proj_weight"][1])
            : (embed, embed);
        var batch = query.Length == 3 ? query[1] : 1;
        var bias = weights.ContainsKey("in_proj_bias") || weights.ContainsKey("out_proj.bias");
        long[] value = [.. key[..^1], valueFeatures];
        var heads = Heads(module, query, key, mask =>
            module.forward(Zeros(module, query), Zeros(module, key), Zeros(module, value), null, false, mask)
        );
        return heads is { } h ? SequenceRules.Attention(batch, query[0], key[0], embed, keyFeatures, valueFeatures, bias, h) : null;
    }

    /// <summary>An encoder layer: its embed from self_attn, its feed-forward width from linear1.weight (feedForward, embed).</summary>
    private static LayerCost EncoderLayerOf(Dictionary<string, long[]> weights, string prefix, long[] input, long heads)
    {
        var (embed, feedForward) = (weights[prefix + "linear1.weight"][1], weights[prefix + "linear1.weight"][0]);
        var batch = input.Length == 3 ? input[1] : 1;
        return SequenceRules.EncoderLayer(batch, input[0], embed, feedForward, heads);
    }

    /// <summary>A stack of encoder layers ({prefix}layers.{i}.…), and a final LayerNorm where it has one ({prefix}norm.weight).</summary>
    private static LayerCost? EncoderOf(Dictionary<string, long[]> weights, string prefix, long[] input, long heads) =>
        Stack(weights, prefix, input, layer => EncoderLayerOf(weights, layer, input, heads));

    /// <summary>A decoder layer: targets (length, batch, embed) attending to memory (length, batch, embed).</summary>
    private static LayerCost DecoderLayerOf(Dictionary<string, long[]> weights, string prefix, long[] targets, long[] memory, long heads)
    {
        var (embed, feedForward) = (weights[prefix + "linear1.weight"][1], weights[prefix + "linear1.weight"][0]);
        var batch = targets.Length == 3 ? targets[1] : 1;
        return SequenceRules.DecoderLayer(batch, targets[0], memory[0], embed, feedForward, heads);
    }

    private static LayerCost? DecoderOf(Dictionary<string, long[]> weights, string prefix, long[] targets, long[] memory, long heads) =>
        Stack(weights, prefix, targets, layer => DecoderLayerOf(weights, layer, targets, memory, heads));

    /// <summary>The layers {prefix}layers.{i}. each costed by <paramref name="layer"/>, and the stack's final LayerNorm where it has
    /// one ({prefix}norm.weight), over <paramref name="output"/>'s elements; null (unknown, never zero) when no layer is found
    /// under that name.</summary>
    private static LayerCost? Stack(Dictionary<string, long[]> weights, string prefix, long[] output, Func<string, LayerCost> layer)
    {
        var layers = weights
            .Keys.Where(k => k.StartsWith(prefix + "layers.", StringComparison.Ordinal))
            .Select(k => k[(prefix + "layers.").Length..].Split('.')[0])
            .Distinct()
            .ToArray();
        if (layers.Length == 0)
            return null;
        var cost = layers.Aggregate(LayerCost.Zero, (sum, i) => Sum(sum, layer($"{prefix}layers.{i}.")));
        return weights.ContainsKey(prefix + "norm.weight") ? Sum(cost, CostRules.Pointwise(output, 5)) : cost;
    }
}
