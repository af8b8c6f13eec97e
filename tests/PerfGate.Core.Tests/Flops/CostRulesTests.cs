using PerfGate.Core.Flops;

namespace PerfGate.Core.Tests.Flops;

public class CostRulesTests
{
    [Fact]
    public void Convolution_counts_one_mac_per_input_channel_and_kernel_tap_per_output()
    {
        // 2 images, 16 -> 32 channels, 3x3 kernel, 10x10 output.
        var cost = CostRules.Convolution([2, 32, 10, 10], inChannels: 16, groups: 1, kernel: [3, 3], hasBias: true);
        Assert.Equal(2L * 32 * 10 * 10 * 16 * 3 * 3, cost.Macs);
        Assert.Equal(2 * cost.Macs, cost.Flops);
        Assert.Equal(2L * 32 * 10 * 10, cost.OtherFlops); // one bias add per output element
    }

    [Fact]
    public void Grouped_convolution_sees_only_its_group_of_input_channels()
    {
        // 16 -> 32 channels in 4 groups: each output sees 16 / 4 = 4 input channels.
        var grouped = CostRules.Convolution([1, 32, 8, 8], inChannels: 16, groups: 4, kernel: [3, 3], hasBias: false);
        Assert.Equal(1L * 32 * 8 * 8 * (16 / 4) * 3 * 3, grouped.Macs);
        Assert.Equal(0, grouped.OtherFlops);

        // Depthwise: groups = in = out channels, one input channel per output.
        var depthwise = CostRules.Convolution([1, 16, 8, 8], inChannels: 16, groups: 16, kernel: [3, 3], hasBias: false);
        Assert.Equal(1L * 16 * 8 * 8 * 1 * 3 * 3, depthwise.Macs);
    }

    [Fact]
    public void Convolution_rejects_groups_that_do_not_divide_the_channels() =>
        Assert.Throws<ArgumentException>(() =>
            CostRules.Convolution([1, 8, 4, 4], inChannels: 6, groups: 4, kernel: [3, 3], hasBias: false)
        );

    [Fact]
    public void Linear_counts_in_features_macs_per_output()
    {
        var cost = CostRules.Linear([8, 4096], inFeatures: 9216, hasBias: true);
        Assert.Equal(8L * 4096 * 9216, cost.Macs);
        Assert.Equal(8L * 4096 * 9216 * 2, cost.Flops);
        Assert.Equal(8L * 4096, cost.OtherFlops);
    }

    [Fact]
    public void Pooling_counts_comparisons_and_averages()
    {
        Assert.Equal(1L * 64 * 27 * 27 * (3 * 3 - 1), CostRules.MaxPool([1, 64, 27, 27], [3, 3]).OtherFlops);
        Assert.Equal(1L * 64 * 27 * 27 * (3 * 3), CostRules.AvgPool([1, 64, 27, 27], [3, 3]).OtherFlops);
        Assert.Equal(0, CostRules.MaxPool([1, 64, 27, 27], [3, 3]).Flops);
    }

    [Fact]
    public void Dropout_is_free_at_inference_only()
    {
        Assert.Equal(LayerCost.Zero, CostRules.Dropout([4, 4096], training: false));
        Assert.Equal(4L * 4096, CostRules.Dropout([4, 4096], training: true).OtherFlops);
    }

    [Fact]
    public void Softmax_counts_five_operations_per_element() => Assert.Equal(2L * 1000 * 5, CostRules.Softmax([2, 1000]).OtherFlops);
}

public class AdaptivePoolingRulesTests
{
    [Fact]
    public void Adaptive_pooling_counts_the_windows_pytorch_derives_from_the_sizes()
    {
        // 5 -> 2 per dimension: windows [0, 3) and [2, 5), 3 taps each, overlapping at index 2; 2x2 outputs of 3x3 taps.
        Assert.Equal(new LayerCost(0, 0, 4 * 9), CostRules.AdaptiveAvgPool([1, 1, 5, 5], [1, 1, 2, 2], 2));
        Assert.Equal(new LayerCost(0, 0, 4 * (9 - 1)), CostRules.AdaptiveMaxPool([1, 1, 5, 5], [1, 1, 2, 2], 2));
        // ResNet's global pool: 512 channels of 7x7 into 1x1, every input added once.
        Assert.Equal(new LayerCost(0, 0, 512 * 49), CostRules.AdaptiveAvgPool([1, 512, 7, 7], [1, 512, 1, 1], 2));
        // VGG's 7x7 -> 7x7 (a 224 input): one tap per output, a copy.
        Assert.Equal(new LayerCost(0, 0, 2 * 512 * 49), CostRules.AdaptiveAvgPool([2, 512, 7, 7], [2, 512, 7, 7], 2));
        // 1-d, 6 -> 4: windows [0,2) [1,3) [3,5) [4,6): 2 taps each.
        Assert.Equal(new LayerCost(0, 0, 3 * 4 * 2), CostRules.AdaptiveAvgPool([3, 6], [3, 4], 1));
    }
}
