using PerfGate.Core.Flops;
using PerfGate.Core.Text;

namespace PerfGate.Core.Tests.Text;

public class TextRenderingTests
{
    [Fact]
    public void The_flop_table_aligns_columns_and_warns_about_unknown_layers()
    {
        var report = new FlopReport(
            "tiny",
            2,
            [
                LayerCount.Counted("fc1", "Linear", [2, 4], [2, 3], 15, new LayerCost(24, 48, 6)),
                LayerCount.Uncounted("odd", "Mystery", [2, 3], [2, 3], 0),
            ]
        );

        var text = FlopTableText.Render(report);

        Assert.Equal(
            "tiny, batch 2: 4.80E+01 conv/GEMM FLOPs + 6.00E+00 other = 5.40E+01 total\n\n"
                + "layer     kind  input  output  params  macs  flops  otherFlops  output bytes\n"
                + "-----  -------  -----  ------  ------  ----  -----  ----------  ------------\n"
                + "fc1     Linear  [2x4]   [2x3]      15    24     48           6             ?\n"
                + "odd    Mystery  [2x3]   [2x3]       0     ?      ?           ?             ?\n"
                + "total                              15    24     48           6              \n"
                + "\nwarning: not counted (unknown layer types; implement ICountsOwnFlops or register a rule): odd (Mystery)\n"
                + "\nleaf layers only: arithmetic written in a forward (x + y, matmul, softmax) is not counted; `perfgate profile` shows "
                + "its time as 'outside layers'.\n",
            text
        );
    }

    [Theory]
    [InlineData(128.0 / 1_677_577_600, "+<0.1%")]
    [InlineData(-128.0 / 1_677_577_600, "-<0.1%")]
    [InlineData(0.0, "+0.0%")]
    [InlineData(0.333, "+33.3%")]
    [InlineData(-0.05, "-5.0%")]
    public void A_change_too_small_for_one_decimal_is_never_shown_as_zero(double fraction, string expected) =>
        Assert.Equal(expected, Numbers.Percent(fraction));

    [Fact]
    public void Counted_values_in_the_check_table_are_whole_numbers()
    {
        var finding = new PerfGate.Core.Gate.Finding(
            PerfGate.Core.Gate.FindingCodes.CountedChanged,
            PerfGate.Core.Gate.Verdict.Fail,
            "tiny",
            "fc1: otherFlops",
            256,
            320,
            0.25,
            0,
            null,
            "fc1: otherFlops 256 → 320 (+25.0%)"
        );
        var report = PerfGate.Core.Gate.CheckVerdicts.Of(
            [new PerfGate.Core.Gate.ModelVerdict("tiny", "cpu", PerfGate.Core.Gate.Verdict.Fail, [finding], "v.json")],
            "approve"
        );

        var text = CheckText.Render(report);

        Assert.Contains("fc1: otherFlops       256      320", text);
        Assert.DoesNotContain("256.0000", text);
    }
}
