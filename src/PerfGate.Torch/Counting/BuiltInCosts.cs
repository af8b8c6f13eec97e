using PerfGate.Core.Flops;
using TorchSharp.Modules;
using Module = TorchSharp.torch.nn.Module;

namespace PerfGate.Torch.Counting;

/// <summary>
/// Cost rules for the TorchSharp layers the counter knows, from the shapes observed at run time (recurrent, attention and
/// transformer layers in <see cref="SequenceCosts"/>). Returns null for any other layer type, so that it is reported as unknown.
/// </summary>
internal static class BuiltInCosts
{
    public static LayerCost? For(Module module, long[] input, long[] output) =>
        module switch
        {
            ConvolutionTranspose t => Transposed(t, input, output),
            Convolution c => CostRules.Convolution(output, c.in_channels, c.groups, c.kernel_size, c.bias is not null),
            Linear l => CostRules.Linear(output, l.in_features, l.bias is not null),
            ReLU
            or ReLU6
            or LeakyReLU
            or Sigmoid
            or Tanh
            or GELU
            or SiLU
            or Hardswish
            or Hardsigmoid
            or Hardtanh
            or ELU
            or SELU
            or CELU
            or Mish
            or Softplus
            or PReLU
            or RReLU
            or LogSigmoid
            or Softsign
            or Softshrink
            or Hardshrink
            or Tanhshrink
            or Threshold => CostRules.Pointwise(output),
            MaxPool1d p => CostRules.MaxPool(output, [p.kernel_size]),
            MaxPool2d p => CostRules.MaxPool(output, p.kernel_size),
            MaxPool3d p => CostRules.MaxPool(output, p.kernel_size),
            AvgPool1d p => CostRules.AvgPool(output, [p.kernel_size]),
            AvgPool2d p => CostRules.AvgPool(output, p.kernel_size),
            AvgPool3d p => CostRules.AvgPool(output, p.kernel_size),
            AdaptiveAvgPool1d => CostRules.AdaptiveAvgPool(input, output, 1),
            AdaptiveAvgPool2d => CostRules.AdaptiveAvgPool(input, output, 2), // every torchvision classifier's global pool
            AdaptiveAvgPool3d => CostRules.AdaptiveAvgPool(input, output, 3),
            AdaptiveMaxPool1d => CostRules.AdaptiveMaxPool(input, output, 1),
            AdaptiveMaxPool2d => CostRules.AdaptiveMaxPool(input, output, 2),
            AdaptiveMaxPool3d => CostRules.AdaptiveMaxPool(input, output, 3),
            Softmax or LogSoftmax or Softmin or Softmax2d => CostRules.Softmax(output),
            Dropout or Dropout1d or Dropout2d or Dropout3d or AlphaDropout or FeatureAlphaDropout => CostRules.Dropout(
                output,
                module.training
            ),
            BatchNorm b => CostRules.Pointwise(output, 2), // inference: one multiply and one add per element (folded scale and shift)
            // data movement only
            Flatten or Unflatten or Identity or PadBase or PixelShuffle or PixelUnshuffle or ChannelShuffle => LayerCost.Zero,
            MaxUnpool1d or MaxUnpool2d or MaxUnpool3d => LayerCost.Zero, // a scatter of the pooled values into zeros
            Embedding => LayerCost.Zero, // a gather of rows: data movement, no arithmetic
            // fvcore's norm rule (norm_flop_counter): per element 4 FLOPs (mean, variance, normalize), 5 with the affine scale and shift.
            LayerNorm n => CostRules.Pointwise(output, n.weight is null ? 4 : 5),
            GroupNorm g => CostRules.Pointwise(output, g.weight is null ? 4 : 5),
            _ => null,
        };

    /// <summary>
    /// Every layer type of TorchSharp.Modules that has no rule above, and why: the table test fails when a TorchSharp release
    /// adds a type that is neither counted nor named here, so no new layer becomes a silent hole. At run time each of these is
    /// reported as not counted (unknown, or a layer that could not be hooked), never as zero.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> NotCounted = new Dictionary<string, string>
    {
        ["Bilinear"] = HookedNoRule,
        ["CosineSimilarity"] = HookedNoRule,
        ["PairwiseDistance"] = HookedNoRule,
        ["GLU"] = NoRule,
        ["InstanceNorm1d"] = NoRule,
        ["InstanceNorm2d"] = NoRule,
        ["InstanceNorm3d"] = NoRule,
        ["LocalResponseNorm"] = NoRule,
        ["LPPool1d"] = NoRule,
        ["LPPool2d"] = NoRule,
        ["FractionalMaxPool2d"] = NoRule,
        ["FractionalMaxPool3d"] = NoRule,
        ["Fold"] = NoRule,
        ["Unfold"] = NoRule,
        ["Upsample"] = NoRule,
        ["Sequential"] = Container,
        ["ModuleList`1"] = Container,
        ["ModuleDict`1"] = Container,
        ["ParameterList"] = Container,
        ["ParameterDict"] = Container,
    };

    private const string HookedNoRule = "hooked (its shapes recorded) without a rule yet: reported as unknown; register one";
    private const string NoRule = "Tensor → Tensor without a rule yet: reported as unknown; register one or implement ICountsOwnFlops";
    private const string Container = "a container: its leaves are counted";

    /// <summary>A loss is not part of an inference pass.</summary>
    public static bool IsLoss(Type type) => type.Name.EndsWith("Loss", StringComparison.Ordinal);

    /// <summary>A transposed convolution scatters each input element through (out_channels / groups) × kernel taps.</summary>
    private static LayerCost Transposed(ConvolutionTranspose t, long[] input, long[] output)
    {
        var macs = checked(Shape.Elements(input) * (t.out_channels / t.groups) * Shape.Product(t.kernel_size));
        return LayerCost.FromMacs(macs, t.bias is not null ? Shape.Elements(output) : 0);
    }
}
