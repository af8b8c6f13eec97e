using PerfGate.Core.Flops;
using PerfGate.Core.Reports;

namespace PerfGate.Core.Tests.Reports;

public class TextRenderingTests
{
    [Fact]
    public void The_flop_table_aligns_columns_and_warns_about_unknown_layers()
    {
        var report = new FlopReport("tiny", 2,
        [
            LayerCount.Counted("fc1", "Linear", [2, 4], [2, 3], 15, new LayerCost(24, 48, 6)),
            LayerCount.Uncounted("odd", "Mystery", [2, 3], [2, 3], 0),
        ]);

        var text = FlopTableText.Render(report);

        Assert.Equal(
            "tiny, batch 2: 4.80E+01 conv/GEMM FLOPs + 6.00E+00 other = 5.40E+01 total\n\n" +
            "layer     kind  input  output  params  macs  flops  otherFlops\n" +
            "-----  -------  -----  ------  ------  ----  -----  ----------\n" +
            "fc1     Linear  [2x4]   [2x3]      15    24     48           6\n" +
            "odd    Mystery  [2x3]   [2x3]       0     ?      ?           ?\n" +
            "total                              15    24     48           6\n" +
            "\nwarning: not counted (unknown layer types; implement ICountsOwnFlops or register a rule): odd (Mystery)\n",
            text);
    }
}
