namespace PerfGate.Core.Flops;

/// <summary>
/// Cost rules for recurrent and attention layers, from the equations PyTorch documents for torch.nn.LSTM, GRU, RNN,
/// MultiheadAttention and the Transformer layers, and the shapes that ran. Multiply-adds are the layers' matrix products;
/// other FLOPs are their bias adds, the sums of the input and hidden products, activations, gating, attention's softmax over
/// its scores (heads × queries × keys per example, <see cref="CostRules.SoftmaxFlopsPerElement"/> each) and residual
/// arithmetic. Not counted: masks, and dropout (nothing at inference).
/// </summary>
public static class SequenceRules
{
    /// <summary>The recurrence of a recurrent layer; its gates share one matrix product per step.</summary>
    public enum Recurrence
    {
        Lstm,
        Gru,
        Rnn,
    }

    /// <summary>One recurrent cell: one layer in one direction, with the width of its input and its hidden size.</summary>
    public readonly record struct Cell(long InFeatures, long Hidden);

    /// <summary>Gates per hidden element: LSTM i, f, g, o; GRU r, z, n; a plain RNN one.</summary>
    public static int Gates(Recurrence kind) =>
        kind switch
        {
            Recurrence.Lstm => 4,
            Recurrence.Gru => 3,
            _ => 1,
        };

    /// <summary>
    /// Other FLOPs per hidden element and step. LSTM: per gate the input and hidden products added (4) and two biases (8), the
    /// gates' σ, σ, tanh, σ (4), c' = f⊙c + i⊙g (3), h' = o⊙tanh(c') (2): 21, 13 without biases. GRU: r and z summed (2), their
    /// biases (4) and σ (2); n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn)): biases (2), r⊙ (1), the sum (1), tanh (1);
    /// h' = (1 − z)⊙n + z⊙h (4): 17, 11 without biases. RNN: h' = tanh(W_ih x + b_ih + W_hh h + b_hh): 4, 2 without.
    /// </summary>
    public static long OtherPerHidden(Recurrence kind, bool bias) =>
        kind switch
        {
            Recurrence.Lstm => bias ? 21 : 13,
            Recurrence.Gru => bias ? 17 : 11,
            _ => bias ? 4 : 2,
        };

    /// <summary>
    /// A recurrent layer over <paramref name="steps"/> (sequence length × batch; the batch for a cell): each cell multiplies
    /// its input and its hidden state by its gates' weights every step, gates × hidden × (input + hidden) multiply-adds.
    /// </summary>
    public static LayerCost Recurrent(Recurrence kind, long steps, IReadOnlyList<Cell> cells, bool bias)
    {
        long macs = 0,
            other = 0;
        foreach (var cell in cells)
        {
            macs = checked(macs + steps * Gates(kind) * cell.Hidden * (cell.InFeatures + cell.Hidden));
            other = checked(other + steps * cell.Hidden * OtherPerHidden(kind, bias));
        }
        return LayerCost.FromMacs(macs, other);
    }

    /// <summary>
    /// Multi-head attention of <paramref name="queries"/> over <paramref name="keys"/> per example, embedding
    /// <paramref name="embed"/>: the query, key and value projections, the scores Q·Kᵀ and the weighted values (each
    /// queries × keys × embed multiply-adds, summed over the heads), the output projection; other FLOPs: the query's scaling
    /// by 1/√(head size), the softmax over each head's scores and, with biases, the four projections' bias adds.
    /// </summary>
    public static LayerCost Attention(
        long batch,
        long queries,
        long keys,
        long embed,
        long keyFeatures,
        long valueFeatures,
        bool bias,
        long heads
    )
    {
        long q = batch * queries,
            k = batch * keys;
        var macs = checked(
            q * embed * embed + k * embed * keyFeatures + k * embed * valueFeatures + 2 * batch * queries * keys * embed + q * embed * embed
        );
        var softmax = checked(CostRules.SoftmaxFlopsPerElement * batch * heads * queries * keys);
        var other = checked(q * embed + softmax + (bias ? 2 * q * embed + 2 * k * embed : 0));
        return LayerCost.FromMacs(macs, other);
    }

    /// <summary>
    /// A post-norm transformer encoder layer (PyTorch's default): self-attention over <paramref name="tokens"/>, the residual
    /// add and LayerNorm, then Linear(embed → feedForward), the activation, Linear(feedForward → embed), the residual add and
    /// LayerNorm. LayerNorm costs 5 per element (fvcore's rule, as <c>LayerNorm</c> layers are counted); biases throughout.
    /// </summary>
    public static LayerCost EncoderLayer(long batch, long tokens, long embed, long feedForward, long heads)
    {
        var attention = Attention(batch, tokens, tokens, embed, embed, embed, bias: true, heads);
        var positions = batch * tokens;
        var macs = checked(attention.Macs + 2 * positions * embed * feedForward);
        var other = checked(
            attention.OtherFlops
            + positions * feedForward // linear1's bias
            + positions * feedForward // the activation
            + positions * embed // linear2's bias
            + 2 * positions * embed // two residual adds
            + 2 * 5 * positions * embed // two LayerNorms
        );
        return LayerCost.FromMacs(macs, other);
    }

    /// <summary>
    /// A post-norm transformer decoder layer: self-attention over the <paramref name="targets"/>, attention from them over the
    /// <paramref name="sources"/> of the encoder's memory, and the feed-forward block, each followed by a residual add and a
    /// LayerNorm (5 per element); biases throughout.
    /// </summary>
    public static LayerCost DecoderLayer(long batch, long targets, long sources, long embed, long feedForward, long heads)
    {
        var self = Attention(batch, targets, targets, embed, embed, embed, bias: true, heads);
        var cross = Attention(batch, targets, sources, embed, embed, embed, bias: true, heads);
        var positions = batch * targets;
        var macs = checked(self.Macs + cross.Macs + 2 * positions * embed * feedForward);
        var other = checked(
            self.OtherFlops
            + cross.OtherFlops
            + 2 * positions * feedForward // linear1's bias, the activation
            + positions * embed // linear2's bias
            + 3 * positions * embed // three residual adds
            + 3 * 5 * positions * embed // three LayerNorms
        );
        return LayerCost.FromMacs(macs, other);
    }

    /// <summary>Two costs as one layer's (a stack of encoder layers).</summary>
    public static LayerCost Sum(LayerCost a, LayerCost b) =>
        new(checked(a.Macs + b.Macs), checked(a.Flops + b.Flops), checked(a.OtherFlops + b.OtherFlops));
}
