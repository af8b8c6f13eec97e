using PerfGate.Core.Shapes;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Layers;
using static TorchSharp.torch;

namespace PerfGate.Torch.Tests.Counting;

public class CnnBuilderTests
{
    [Fact]
    public void Same_convolution_with_stride_pads_like_tensorflow()
    {
        // 224 input, 7x7 stride 2 SAME: output ceil(224 / 2) = 112; total padding (112 - 1) * 2 + 7 - 224 = 5 -> 2 before, 3 after.
        var builder = new CnnBuilder(3, 224, 224).Conv(8, 7, 7, 2, 2);
        using var model = builder.Build();
        using var input = randn(1, 3, 224, 224);

        var layers = new FlopCounter().Count("stem", model, input).Layers;

        Assert.Equal(["conv1_pad", "conv1", "conv1_relu"], layers.Select(l => l.Name));
        Assert.Equal([1, 3, 224 + 2 + 3, 224 + 2 + 3], layers[0].OutputShape);
        Assert.Equal([1, 8, 112, 112], layers[1].OutputShape);
        Assert.Equal([8, 112, 112], builder.OutputShape);
    }

    [Fact]
    public void Even_same_padding_needs_no_pad_layer()
    {
        using var model = new CnnBuilder(3, 27, 27).Conv(4, 5, 5).Build();
        using var input = randn(1, 3, 27, 27);
        var layers = new FlopCounter().Count("even", model, input).Layers;
        Assert.Equal(["conv1", "conv1_relu"], layers.Select(l => l.Name));
        Assert.Equal([1, 4, 27, 27], layers[0].OutputShape);
    }

    [Fact]
    public void Same_max_pooling_pads_with_minus_infinity()
    {
        // 8 input, 3x3 stride 2 SAME: output 4, padding 0 before and 1 after; an all-negative input must not see a padded 0.
        using var model = new CnnBuilder(1, 8, 8).MPool(3, 3, 2, 2, PaddingMode.Same).Build();
        using var input = -ones(1, 1, 8, 8);
        using var output = model.call(input);
        Assert.Equal([1L, 1, 4, 4], output.shape);
        Assert.Equal(-1f, output.max().item<float>());
    }

    [Fact]
    public void Same_average_pooling_leaves_the_padding_out_of_the_average()
    {
        // 6 input, 3x3 stride 1 SAME: 1 pixel each side; a corner window holds 4 real ones, so the average of ones stays 1.
        using var model = new CnnBuilder(1, 6, 6).APool(3, 3, 1, 1, PaddingMode.Same).Build();
        using var output = model.call(ones(1, 1, 6, 6));
        Assert.Equal([1L, 1, 6, 6], output.shape);
        Assert.Equal(1f, output.min().item<float>());
    }

    [Fact]
    public void Uneven_same_average_pooling_is_refused_with_the_reason()
    {
        var e = Assert.Throws<NotSupportedException>(() => new CnnBuilder(1, 8, 8).APool(3, 3, 2, 2, PaddingMode.Same));
        Assert.Contains("apool1", e.Message);
    }

    [Fact]
    public void Reshape_must_match_the_activation()
    {
        var e = Assert.Throws<ArgumentException>(() => new CnnBuilder(256, 6, 6).Reshape(9000));
        Assert.Contains("9216", e.Message);
    }

    [Fact]
    public void Affine_before_reshape_is_an_error() => Assert.Throws<InvalidOperationException>(() => new CnnBuilder(3, 8, 8).Affine(10));

    [Fact]
    public void Linear_activation_leaves_out_the_relu()
    {
        using var model = CnnBuilder.FromFeatures(16).Affine(4, Activation.Linear).Build();
        using var input = randn(1, 16);
        Assert.Equal(["affine1"], new FlopCounter().Count("fc", model, input).Layers.Select(l => l.Name));
    }
}
