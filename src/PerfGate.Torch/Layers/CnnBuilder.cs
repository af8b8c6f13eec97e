using PerfGate.Core.Shapes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Layers;

/// <summary>
/// A layer builder in the style of tf_cnn_benchmarks' ConvNetBuilder (conv / mpool / apool / affine / dropout / reshape):
/// it tracks the activation shape, applies TensorFlow's 'SAME' and 'VALID' rules (the odd padding pixel goes after),
/// puts a ReLU after conv and affine unless told otherwise, and names layers conv1, mpool1, affine1, … in call order.
/// It builds a definition only: a <see cref="Sequential"/> of TorchSharp modules.
/// </summary>
public sealed class CnnBuilder
{
    private readonly List<(string Name, Module<Tensor, Tensor> Module)> _layers = [];
    private readonly Dictionary<string, int> _counters = [];
    private long _channels,
        _height,
        _width;
    private long? _features;

    /// <summary>Starts from an image input of channels × height × width (NCHW).</summary>
    public CnnBuilder(long channels, long height, long width) => (_channels, _height, _width) = (channels, height, width);

    private CnnBuilder(long features) => _features = features;

    /// <summary>Starts from a flat input of <paramref name="features"/> values per example.</summary>
    public static CnnBuilder FromFeatures(long features) => new(features);

    /// <summary>The activation shape per example after the layers added so far.</summary>
    public long[] OutputShape => _features is { } f ? [f] : [_channels, _height, _width];

    public CnnBuilder Conv(
        long outChannels,
        long kHeight,
        long kWidth,
        long dHeight = 1,
        long dWidth = 1,
        PaddingMode mode = PaddingMode.Same,
        Activation activation = Activation.Relu,
        bool bias = true
    )
    {
        RequireImage("conv");
        var name = Next("conv");
        var (padH, padW) = Pad(name, kHeight, kWidth, dHeight, dWidth, mode, value: 0);
        var conv = Conv2d(_channels, outChannels, (kHeight, kWidth), stride: (dHeight, dWidth), padding: (padH, padW), bias: bias);
        Add(name, conv);
        (_channels, _height, _width) = (outChannels, Out(_height, kHeight, dHeight, mode), Out(_width, kWidth, dWidth, mode));
        if (activation == Activation.Relu)
            Add(name + "_relu", ReLU());
        return this;
    }

    public CnnBuilder MPool(long kHeight, long kWidth, long dHeight = 2, long dWidth = 2, PaddingMode mode = PaddingMode.Valid)
    {
        RequireImage("mpool");
        var name = Next("mpool");
        var (padH, padW) = Pad(name, kHeight, kWidth, dHeight, dWidth, mode, value: double.NegativeInfinity);
        Add(name, MaxPool2d((kHeight, kWidth), (dHeight, dWidth), (padH, padW)));
        Shrink(kHeight, kWidth, dHeight, dWidth, mode);
        return this;
    }

    /// <summary>Average pooling; under 'SAME' the padded zeros are left out of the average, as TensorFlow does.</summary>
    public CnnBuilder APool(long kHeight, long kWidth, long dHeight = 2, long dWidth = 2, PaddingMode mode = PaddingMode.Valid)
    {
        RequireImage("apool");
        var name = Next("apool");
        var (h, w) = (TfPadding.Padding(_height, kHeight, dHeight, mode), TfPadding.Padding(_width, kWidth, dWidth, mode));
        if (h.Before != h.After || w.Before != w.After)
            throw new NotSupportedException(
                $"{name}: 'SAME' average pooling with uneven padding ({h.Before}/{h.After}, {w.Before}/{w.After}) has no TorchSharp "
                    + $"equivalent that excludes the padding; use an input size that pads evenly."
            );
        Add(name, AvgPool2d((kHeight, kWidth), (dHeight, dWidth), (h.Before, w.Before), count_include_pad: false));
        Shrink(kHeight, kWidth, dHeight, dWidth, mode);
        return this;
    }

    /// <summary>Flattens to <paramref name="features"/> per example; the count must match the current shape.</summary>
    public CnnBuilder Reshape(long features)
    {
        var current = OutputShape.Aggregate(1L, (a, b) => a * b);
        if (current != features)
            throw new ArgumentException(
                $"reshape to {features} features, but the activation has {current} ({string.Join("x", OutputShape)})."
            );
        Add("reshape", Flatten());
        _features = features;
        return this;
    }

    public CnnBuilder Affine(long outFeatures, Activation activation = Activation.Relu, bool bias = true)
    {
        if (_features is not { } inFeatures)
            throw new InvalidOperationException("affine needs a flat input: call Reshape first.");
        var name = Next("affine");
        Add(name, Linear(inFeatures, outFeatures, hasBias: bias));
        if (activation == Activation.Relu)
            Add(name + "_relu", ReLU());
        _features = outFeatures;
        return this;
    }

    /// <summary>Dropout with tf_cnn_benchmarks' keep probability (0.5 by default); a no-op in eval mode.</summary>
    public CnnBuilder Dropout(double keepProb = 0.5)
    {
        Add(Next("dropout"), nn.Dropout(1 - keepProb));
        return this;
    }

    public Sequential Build() => Sequential(_layers);

    private (long H, long W) Pad(string name, long kHeight, long kWidth, long dHeight, long dWidth, PaddingMode mode, double value)
    {
        var h = TfPadding.Padding(_height, kHeight, dHeight, mode);
        var w = TfPadding.Padding(_width, kWidth, dWidth, mode);
        if (h.Before == h.After && w.Before == w.After)
            return (h.Before, w.Before);

        // TensorFlow pads the odd pixel after; TorchSharp's layers pad evenly, so pad explicitly first.
        Add(name + "_pad", ConstantPad2d((w.Before, w.After, h.Before, h.After), value));
        return (0, 0);
    }

    private void Shrink(long kHeight, long kWidth, long dHeight, long dWidth, PaddingMode mode) =>
        (_height, _width) = (Out(_height, kHeight, dHeight, mode), Out(_width, kWidth, dWidth, mode));

    private static long Out(long size, long kernel, long stride, PaddingMode mode) => TfPadding.OutputSize(size, kernel, stride, mode);

    private void RequireImage(string layer)
    {
        if (_features is not null)
            throw new InvalidOperationException($"{layer} needs an image input, but the activation is already flat.");
    }

    private string Next(string kind)
    {
        _counters[kind] = _counters.GetValueOrDefault(kind) + 1;
        return kind + _counters[kind];
    }

    private void Add(string name, Module<Tensor, Tensor> module) => _layers.Add((name, module));
}
