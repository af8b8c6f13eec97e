using PerfGate.Core.Flops;
using PerfGate.Torch.Counting;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Counting;

/// <summary>
/// Recurrent, attention and transformer layers counted through their hooks, each against a hand count from the equations
/// PyTorch documents for it (the formulas are spelled out beside each figure).
/// </summary>
public class SequenceCountTests
{
    /// <summary>A model around one layer of another signature, as a user's model calls it.</summary>
    private sealed class Around(string name, Func<Tensor, Tensor> run, Module layer) : Module<Tensor, Tensor>(name)
    {
        private readonly Module layer = layer;

        public override Tensor forward(Tensor x) => run(x);

        public Around Registered()
        {
            RegisterComponents();
            return this;
        }
    }

    private static LayerCount Only(Module layer, Func<Tensor, Tensor> forward, Tensor input)
    {
        var report = new FlopCounter().Count("m", new Around("m", forward, layer).Registered(), input);
        Assert.Empty(report.UnknownLayers);
        return Assert.Single(report.Layers);
    }

    [Fact]
    public void A_two_layer_bidirectional_lstm_costs_four_gate_products_per_cell_and_step()
    {
        var lstm = LSTM(8, 16, numLayers: 2, bidirectional: true);
        var row = Only(lstm, x => lstm.call(x).Item1, randn(5, 2, 8)); // (sequence 5, batch 2, features 8)
        const long steps = 5 * 2;
        // cells: layer 0 reads 8 features, layer 1 reads both directions' 16; each direction: 4 gates × 16 × (input + 16)
        Assert.Equal(steps * 4 * 16 * ((8 + 16) * 2 + (32 + 16) * 2), row.Macs);
        Assert.Equal(2 * row.Macs, row.Flops);
        // per hidden element and step: 4 product sums, 8 biases, σ σ tanh σ, c' = f⊙c + i⊙g (3), h' = o⊙tanh(c') (2) = 21
        Assert.Equal(steps * 16 * 21 * 4, row.OtherFlops);
        Assert.Equal(2 * 4 * 16 * (8 + 16 + 2) + 2 * 4 * 16 * (32 + 16 + 2), row.Params); // weights and two biases per cell
        Assert.Equal([5, 2, 32], row.OutputShape);
    }

    [Fact]
    public void Batch_first_changes_the_layout_not_the_count()
    {
        var first = LSTM(8, 16, batchFirst: true);
        var second = LSTM(8, 16);
        var a = Only(first, x => first.call(x).Item1, randn(2, 5, 8));
        var b = Only(second, x => second.call(x).Item1, randn(5, 2, 8));
        Assert.Equal((b.Macs, b.OtherFlops), (a.Macs, a.OtherFlops));
    }

    [Fact]
    public void A_gru_and_a_plain_rnn_cost_three_and_one_gate_products()
    {
        var gru = GRU(8, 16);
        var row = Only(gru, x => gru.call(x).Item1, randn(5, 2, 8));
        Assert.Equal(10L * 3 * 16 * (8 + 16), row.Macs);
        // r, z: 2 sums, 4 biases, 2 σ; n: 2 biases, r⊙, the sum, tanh; h' = (1 − z)⊙n + z⊙h: 4 → 17
        Assert.Equal(10L * 16 * 17, row.OtherFlops);

        var rnn = RNN(8, 16, bias: false);
        row = Only(rnn, x => rnn.call(x).Item1, randn(5, 2, 8));
        Assert.Equal(10L * 16 * (8 + 16), row.Macs);
        Assert.Equal(10L * 16 * 2, row.OtherFlops); // the sum of the two products, tanh
    }

    [Fact]
    public void A_cell_runs_one_step_per_example()
    {
        var cell = LSTMCell(8, 16);
        var row = Only(cell, x => cell.call(x, (zeros(3, 16), zeros(3, 16))).Item1, randn(3, 8)); // TorchSharp needs the state given
        Assert.Equal(3L * 4 * 16 * (8 + 16), row.Macs);
        Assert.Equal(3L * 16 * 21, row.OtherFlops);
    }

    [Fact]
    public void Attention_counts_its_projections_scores_and_weighted_values_from_the_query_and_key_lengths()
    {
        var attention = MultiheadAttention(16, 4);
        var keys = randn(7, 2, 16);
        var row = Only(attention, q => attention.call(q, keys, keys).Item1, randn(5, 2, 16)); // 5 queries over 7 keys, batch 2
        long queries = 5 * 2,
            keyed = 7 * 2;
        // q and output projections 16 × 16 per query, k and v 16 × 16 per key, Q·Kᵀ and weights·V 5 × 7 × 16 per example
        Assert.Equal(2 * queries * 16 * 16 + 2 * keyed * 16 * 16 + 2 * 2 * 5 * 7 * 16, row.Macs);
        // the query's scaling, the softmax over each of the 4 heads' 5 × 7 scores (5 per element), the four projections' biases
        Assert.Equal(queries * 16 + 5 * 2 * 4 * 5 * 7 + 2 * queries * 16 + 2 * keyed * 16, row.OtherFlops);
        Assert.Equal([5, 2, 16], row.OutputShape);
    }

    [Fact]
    public void An_encoder_layer_is_attention_a_feed_forward_block_two_residuals_and_two_norms()
    {
        var layer = TransformerEncoderLayer(16, 4, 32);
        var row = Only(layer, x => layer.call(x), randn(5, 2, 16));
        const long positions = 5 * 2;
        Assert.Equal(4 * positions * 16 * 16 + 2 * 2 * 5 * 5 * 16 + 2 * positions * 16 * 32, row.Macs);
        Assert.Equal(
            positions * 16 * 5 // attention: scaling and four biases
                + 5 * 2 * 4 * 5 * 5 // the softmax over 4 heads' 5 × 5 scores per example
                + positions * 32 * 2 // linear1's bias and the activation
                + positions * 16 // linear2's bias
                + positions * 16 * 2 // residual adds
                + positions * 16 * 5 * 2, // two LayerNorms, 5 per element
            row.OtherFlops
        );

        var encoder = TransformerEncoder(TransformerEncoderLayer(16, 4, 32), 2);
        var stack = Only(encoder, x => encoder.call(x), randn(5, 2, 16));
        Assert.Equal((2 * row.Macs, 2 * row.OtherFlops, 2 * row.Params), (stack.Macs, stack.OtherFlops, stack.Params));
    }

    [Fact]
    public void A_decoder_layer_adds_attention_over_the_memory_and_a_third_residual_and_norm()
    {
        var layer = TransformerDecoderLayer(16, 4, 32);
        var memory = randn(7, 2, 16); // 7 source positions, batch 2
        var row = Only(layer, t => layer.call(t, memory), randn(5, 2, 16)); // 5 targets
        const long targets = 5 * 2,
            sources = 7 * 2;
        var self = 4 * targets * 16 * 16 + 2 * 2 * 5 * 5 * 16;
        var cross = 2 * targets * 16 * 16 + 2 * sources * 16 * 16 + 2 * 2 * 5 * 7 * 16;
        Assert.Equal(self + cross + 2 * targets * 16 * 32, row.Macs);
        Assert.Equal(
            targets * 16 * 5 // self-attention: scaling and four biases
                + 5 * 2 * 4 * 5 * 5 // its softmax: 4 heads, 5 × 5 scores per example
                + targets * 16 * 3
                + sources * 16 * 2 // cross-attention: scaling, the query's and output's biases, the keys' and values'
                + 5 * 2 * 4 * 5 * 7 // its softmax: 5 × 7 scores
                + targets * 32 * 2 // linear1's bias and the activation
                + targets * 16 // linear2's bias
                + targets * 16 * 3 // residual adds
                + targets * 16 * 5 * 3, // three LayerNorms
            row.OtherFlops
        );
        Assert.Equal([5, 2, 16], row.OutputShape);
    }

    [Fact]
    public void A_whole_transformer_is_its_encoder_over_the_source_and_its_decoder_over_the_target_with_their_norms()
    {
        var transformer = Transformer(16, 4, num_encoder_layers: 1, num_decoder_layers: 1, dim_feedforward: 32);
        var target = randn(5, 2, 16);
        var row = Only(transformer, s => transformer.call(s, target), randn(7, 2, 16));

        var encoder = TransformerEncoderLayer(16, 4, 32);
        var decoder = TransformerDecoderLayer(16, 4, 32);
        var memory = randn(7, 2, 16);
        var e = Only(encoder, s => encoder.call(s), memory);
        var d = Only(decoder, t => decoder.call(t, memory), target);
        Assert.Equal(e.Macs + d.Macs, row.Macs);
        Assert.Equal(e.OtherFlops + d.OtherFlops + 7 * 2 * 16 * 5 + 5 * 2 * 16 * 5, row.OtherFlops); // and the two final norms
        Assert.Equal(e.Params + d.Params + 2 * (16 + 16), row.Params);
        Assert.Equal([5, 2, 16], row.OutputShape);
    }

    [Theory]
    [InlineData(EmbeddingBagMode.Sum, (12 - 3) * 8)]
    [InlineData(EmbeddingBagMode.Mean, (12 - 3) * 8 + 3 * 8)] // and a divide per output element
    [InlineData(EmbeddingBagMode.Max, (12 - 3) * 8)] // comparisons
    public void An_embedding_bag_reduces_its_rows_as_its_mode_says(EmbeddingBagMode mode, long expected)
    {
        var bag = EmbeddingBag(100, 8, mode: mode);
        var ids = randint(0, 100, [3, 4], dtype: ScalarType.Int64); // 3 bags of 4 ids, 8 wide
        var row = Only(bag, _ => bag.call(ids, null, null), ids);

        Assert.Equal(expected, row.OtherFlops);
        Assert.Equal(0, row.Macs);
    }

    [Fact]
    public void An_embedding_bag_with_offsets_and_per_sample_weights_multiplies_each_row_too()
    {
        var bag = EmbeddingBag(100, 8, mode: EmbeddingBagMode.Sum);
        var ids = randint(0, 100, [10], dtype: ScalarType.Int64);
        var offsets = tensor(new long[] { 0, 3, 7 }); // bags of 3, 4 and 3 ids
        var row = Only(bag, _ => bag.call(ids, offsets, rand(10)), ids);

        Assert.Equal((10 - 3) * 8 + 10 * 8, row.OtherFlops);
    }

    [Fact]
    public void Max_unpooling_is_hooked_through_its_indices_and_moves_data_only()
    {
        var unpool = MaxUnpool2d(2);
        var (pooled, indices) = functional.max_pool2d_with_indices(randn(1, 4, 8, 8), [2, 2]);
        var row = Only(unpool, x => unpool.call(x, indices), pooled);

        Assert.Equal([1, 4, 4, 4], row.InputShape);
        Assert.Equal([1, 4, 8, 8], row.OutputShape);
        Assert.Equal((0, 0, 0), (row.Macs, row.Flops, row.OtherFlops));
    }
}
