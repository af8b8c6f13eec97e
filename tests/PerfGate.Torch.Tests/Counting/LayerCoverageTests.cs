using PerfGate.Torch.Counting;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using Module = TorchSharp.torch.nn.Module;

namespace PerfGate.Torch.Tests.Counting;

/// <summary>
/// Every layer type in TorchSharp.Modules is either counted by a rule (here with an instance the rule answers for) or named
/// in <see cref="BuiltInCosts.NotCounted"/> with its reason, or is a loss: a TorchSharp release that adds a layer fails this
/// test instead of opening a silent hole in the counted gate.
/// </summary>
public class LayerCoverageTests
{
    private static readonly Func<Module>[] Counted =
    [
        () => Conv1d(4, 4, 3),
        () => Conv2d(4, 4, 3),
        () => Conv3d(4, 4, 3),
        () => ConvTranspose1d(4, 4, 3),
        () => ConvTranspose2d(4, 4, 3),
        () => ConvTranspose3d(4, 4, 3),
        () => Linear(4, 4),
        () => ReLU(),
        () => ReLU6(),
        () => LeakyReLU(),
        () => Sigmoid(),
        () => Tanh(),
        () => GELU(),
        () => SiLU(),
        () => Hardswish(),
        () => Hardsigmoid(),
        () => Hardtanh(),
        () => ELU(),
        () => SELU(),
        () => CELU(),
        () => Mish(),
        () => Softplus(),
        () => PReLU(1),
        () => RReLU(),
        () => LogSigmoid(),
        () => Softsign(),
        () => Softshrink(),
        () => Hardshrink(),
        () => Tanhshrink(),
        () => Threshold(0.1, 0),
        () => MaxPool1d(2),
        () => MaxPool2d(2),
        () => MaxPool3d(2),
        () => AvgPool1d(2),
        () => AvgPool2d(2),
        () => AvgPool3d(2),
        () => AdaptiveAvgPool1d(1),
        () => AdaptiveAvgPool2d(1),
        () => AdaptiveAvgPool3d(1),
        () => AdaptiveMaxPool1d(1),
        () => AdaptiveMaxPool2d([1, 1]),
        () => AdaptiveMaxPool3d([1, 1, 1]),
        () => Softmax(1),
        () => LogSoftmax(1),
        () => Softmin(1),
        () => Softmax2d(),
        () => Dropout(),
        () => Dropout1d(),
        () => Dropout2d(),
        () => Dropout3d(),
        () => AlphaDropout(),
        () => FeatureAlphaDropout(),
        () => BatchNorm1d(4),
        () => BatchNorm2d(4),
        () => BatchNorm3d(4),
        () => Flatten(),
        () => Unflatten(1, [2, 2]),
        () => Identity(),
        () => ConstantPad1d(1, 0),
        () => ConstantPad2d(1, 0),
        () => ConstantPad3d(1, 0),
        () => ReflectionPad1d(1),
        () => ReflectionPad2d(1),
        () => ReflectionPad3d(1),
        () => ReplicationPad1d(1),
        () => ReplicationPad2d(1),
        () => ReplicationPad3d(1),
        () => ZeroPad2d(1),
        () => PixelShuffle(2),
        () => PixelUnshuffle(2),
        () => ChannelShuffle(2),
        () => MaxUnpool1d(2),
        () => MaxUnpool2d(2),
        () => MaxUnpool3d(2),
        () => Embedding(10, 4),
        () => LayerNorm(4),
        () => GroupNorm(2, 4),
    ];

    /// <summary>Recurrent, attention and transformer layers, with shapes their rules answer for (SequenceCosts).</summary>
    private static readonly (Func<Module> Make, long[] Input)[] CountedSequences =
    [
        (() => LSTM(4, 4), [3, 2, 4]),
        (() => GRU(4, 4), [3, 2, 4]),
        (() => RNN(4, 4), [3, 2, 4]),
        (() => LSTMCell(4, 4), [2, 4]),
        (() => GRUCell(4, 4), [2, 4]),
        (() => RNNCell(4, 4), [2, 4]),
        (() => MultiheadAttention(4, 2), [3, 2, 4]),
        (() => EmbeddingBag(10, 4), [2, 3]),
        (() => TransformerEncoderLayer(4, 2, 8), [3, 2, 4]),
        (() => TransformerEncoder(TransformerEncoderLayer(4, 2, 8), 2), [3, 2, 4]),
        (() => TransformerDecoderLayer(4, 2, 8), [3, 2, 4]),
        (() => TransformerDecoder(TransformerDecoderLayer(4, 2, 8), 2), [3, 2, 4]),
        (() => Transformer(4, 2, 1, 1, 8), [3, 2, 4]),
    ];

    [Fact]
    public void Every_torchsharp_layer_type_is_counted_or_named_as_not_counted()
    {
        var counted = Counted.Select(make => make()).ToArray();
        foreach (var layer in counted)
            Assert.True(
                BuiltInCosts.For(layer, [1, 4, 8, 8], [1, 4, 8, 8]) is not null,
                $"{layer.GetType().Name} is in the counted table but has no rule"
            );
        var sequences = CountedSequences.Select(s => (Layer: s.Make(), s.Input)).ToArray();
        foreach (var (layer, input) in sequences)
            Assert.True(
                SequenceCosts.For(layer, input, input) is not null,
                $"{layer.GetType().Name} is in the counted table but has no rule"
            );
        counted = [.. counted, .. sequences.Select(s => s.Layer)];
        var all = typeof(TorchSharp.Modules.Linear)
            .Assembly.GetTypes()
            .Where(t => t is { IsPublic: true, IsAbstract: false, Namespace: "TorchSharp.Modules" } && typeof(Module).IsAssignableFrom(t))
            .ToArray();
        var covered = counted.Select(l => l.GetType()).ToHashSet();

        var silent = all.Where(t => !covered.Contains(t) && !BuiltInCosts.NotCounted.ContainsKey(t.Name) && !BuiltInCosts.IsLoss(t))
            .Select(t => t.Name)
            .Order()
            .ToArray();

        Assert.True(silent.Length == 0, $"neither counted nor named as not counted: {string.Join(", ", silent)}");
        Assert.True(all.Length > 100, $"only {all.Length} layer types found: is this TorchSharp.Modules?");
        Assert.DoesNotContain(BuiltInCosts.NotCounted.Keys, name => covered.Any(t => t.Name == name)); // never both
    }

    [Fact]
    public void Norm_layers_follow_fvcores_rule_and_an_embedding_costs_nothing()
    {
        long[] shape = [2, 12, 16];
        Assert.Equal(2 * 12 * 16 * 5, BuiltInCosts.For(LayerNorm(16), shape, shape)!.OtherFlops);
        Assert.Equal(2 * 12 * 16 * 4, BuiltInCosts.For(LayerNorm(16, elementwise_affine: false), shape, shape)!.OtherFlops);
        Assert.Equal(2 * 12 * 16 * 5, BuiltInCosts.For(GroupNorm(4, 12), shape, shape)!.OtherFlops);
        var embedding = BuiltInCosts.For(Embedding(1000, 16), [2, 12], shape)!;
        Assert.Equal((0, 0, 0), (embedding.Macs, embedding.Flops, embedding.OtherFlops));
    }
}
