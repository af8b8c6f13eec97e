using PerfGate.Core.Flops;

namespace PerfGate.Core.Tests.Flops;

public class FlopReportTests
{
    [Fact]
    public void Totals_sum_counted_layers_and_name_the_unknown_ones()
    {
        var report = new FlopReport(
            "m",
            1,
            [
                LayerCount.Counted("fc", "Linear", [1, 4], [1, 2], 10, new LayerCost(8, 16, 2)),
                LayerCount.Uncounted("mystery", "MyLayer", [1, 2], [1, 2], 3),
                LayerCount.Counted("relu", "ReLU", [1, 2], [1, 2], 0, LayerCost.Other(2)),
            ]
        );

        Assert.Equal(new FlopTotals(13, 8, 16, 4), report.Totals);
        Assert.Equal(["mystery (MyLayer)"], report.UnknownLayers);
        Assert.True(report.Layers[1].Unknown);
        Assert.Null(report.Layers[1].Flops);
    }

    [Fact]
    public void Flops_overflowing_a_long_are_an_error_not_a_wrapped_number() =>
        Assert.Throws<OverflowException>(() => CostRules.Linear([long.MaxValue / 2, 4], inFeatures: 4, hasBias: false));
}
