using PerfGate.Core.Flops;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Models;
using static TorchSharp.torch;

namespace PerfGate.Torch.Tests.Models;

/// <summary>
/// Pins every layer of tf_cnn_benchmarks' AlexNet against values worked out by hand here, from the definition
/// (input 227 = 224 + 3; conv 11x11/4 VALID; 3x3/2 VALID max pools; SAME convs; affine 9216 -> 4096 -> 4096 -> 1000).
/// </summary>
public class AlexNetShapeTests
{
    private const long B = 2; // batch: every count below scales with it

    private static readonly Lazy<FlopReport> Report = new(() =>
    {
        using var model = AlexNet.Create();
        model.eval();
        using var input = randn(B, 3, 227, 227);
        return new FlopCounter().Count("alexnet", model, input);
    });

    // Hand arithmetic, per layer: output shape, params = weights + biases, MACs = outputs x (in channels x kernel taps).
    // Spatial sizes: conv1 VALID (227 - 11 + 1) / 4 -> 55; pools VALID (55 - 3 + 1) / 2 -> 27, (27 - 3 + 1) / 2 -> 13, (13 - 3 + 1) / 2 ->
    // 6.
    public static TheoryData<string, string, long[], long, long, long> Layers =>
        new()
        {
            { "conv1", "Conv2d", [B, 64, 55, 55], 64 * 3 * 11 * 11 + 64, B * 64 * 55 * 55 * (3 * 11 * 11), B * 64 * 55 * 55 },
            { "conv1_relu", "ReLU", [B, 64, 55, 55], 0, 0, B * 64 * 55 * 55 },
            { "mpool1", "MaxPool2d", [B, 64, 27, 27], 0, 0, B * 64 * 27 * 27 * (3 * 3 - 1) },
            { "conv2", "Conv2d", [B, 192, 27, 27], 192 * 64 * 5 * 5 + 192, B * 192 * 27 * 27 * (64 * 5 * 5), B * 192 * 27 * 27 },
            { "conv2_relu", "ReLU", [B, 192, 27, 27], 0, 0, B * 192 * 27 * 27 },
            { "mpool2", "MaxPool2d", [B, 192, 13, 13], 0, 0, B * 192 * 13 * 13 * (3 * 3 - 1) },
            { "conv3", "Conv2d", [B, 384, 13, 13], 384 * 192 * 3 * 3 + 384, B * 384 * 13 * 13 * (192 * 3 * 3), B * 384 * 13 * 13 },
            { "conv3_relu", "ReLU", [B, 384, 13, 13], 0, 0, B * 384 * 13 * 13 },
            { "conv4", "Conv2d", [B, 384, 13, 13], 384 * 384 * 3 * 3 + 384, B * 384 * 13 * 13 * (384 * 3 * 3), B * 384 * 13 * 13 },
            { "conv4_relu", "ReLU", [B, 384, 13, 13], 0, 0, B * 384 * 13 * 13 },
            { "conv5", "Conv2d", [B, 256, 13, 13], 256 * 384 * 3 * 3 + 256, B * 256 * 13 * 13 * (384 * 3 * 3), B * 256 * 13 * 13 },
            { "conv5_relu", "ReLU", [B, 256, 13, 13], 0, 0, B * 256 * 13 * 13 },
            { "mpool3", "MaxPool2d", [B, 256, 6, 6], 0, 0, B * 256 * 6 * 6 * (3 * 3 - 1) },
            { "reshape", "Flatten", [B, 256 * 6 * 6], 0, 0, 0 },
            { "affine1", "Linear", [B, 4096], 9216 * 4096 + 4096, B * 4096 * 9216, B * 4096 },
            { "affine1_relu", "ReLU", [B, 4096], 0, 0, B * 4096 },
            { "dropout1", "Dropout", [B, 4096], 0, 0, 0 },
            { "affine2", "Linear", [B, 4096], 4096 * 4096 + 4096, B * 4096 * 4096, B * 4096 },
            { "affine2_relu", "ReLU", [B, 4096], 0, 0, B * 4096 },
            { "dropout2", "Dropout", [B, 4096], 0, 0, 0 },
            { "affine3", "Linear", [B, 1000], 4096 * 1000 + 1000, B * 1000 * 4096, B * 1000 },
        };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Each_layer_matches_the_hand_computed_counts(
        string name,
        string kind,
        long[] output,
        long parameters,
        long macs,
        long otherFlops
    )
    {
        var layer = Assert.Single(Report.Value.Layers, l => l.Name == name);
        Assert.Equal(kind, layer.Kind);
        Assert.Equal(output, layer.OutputShape);
        Assert.Equal(parameters, layer.Params);
        Assert.Equal(macs, layer.Macs);
        Assert.Equal(2 * macs, layer.Flops);
        Assert.Equal(otherFlops, layer.OtherFlops);
    }

    [Fact]
    public void Layers_run_in_definition_order_and_nothing_else_runs()
    {
        Assert.Equal(Layers.Select(row => (string)row[0]), Report.Value.Layers.Select(l => l.Name));
        Assert.Empty(Report.Value.UnknownLayers);
    }

    [Fact]
    public void Totals_are_the_sum_of_the_hand_computed_layers()
    {
        var rows = Layers.Select(r => (Params: (long)r[3], Macs: (long)r[4], Other: (long)r[5])).ToArray();
        var totals = Report.Value.Totals;
        Assert.Equal(rows.Sum(r => r.Params), totals.Params);
        Assert.Equal(61_838_248, totals.Params); // the well-known ~62M of AlexNet with 1000 classes
        Assert.Equal(rows.Sum(r => r.Macs), totals.Macs);
        Assert.Equal(2 * rows.Sum(r => r.Macs), totals.Flops);
        Assert.Equal(rows.Sum(r => r.Other), totals.OtherFlops);
    }

    [Fact]
    public void The_input_of_each_layer_is_the_output_of_the_one_before()
    {
        var layers = Report.Value.Layers;
        Assert.Equal([B, 3, 227, 227], layers[0].InputShape);
        for (var i = 1; i < layers.Count; i++)
            Assert.Equal(layers[i - 1].OutputShape, layers[i].InputShape);
    }

    [Fact]
    public void The_class_count_is_a_parameter()
    {
        using var model = AlexNet.Create(classes: 1001);
        using var input = randn(1, 3, 227, 227);
        var last = new FlopCounter().Count("alexnet", model, input).Layers[^1];
        Assert.Equal([1, 1001], last.OutputShape);
        Assert.Equal(4096 * 1001 + 1001, last.Params);
    }
}
