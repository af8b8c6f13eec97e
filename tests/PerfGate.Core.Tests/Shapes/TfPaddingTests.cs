using PerfGate.Core.Shapes;

namespace PerfGate.Core.Tests.Shapes;

public class TfPaddingTests
{
    [Theory]
    // SAME: ceil(in / stride), whatever the kernel.
    [InlineData(227, 11, 4, PaddingMode.Same, 57)] // ceil(227 / 4) = 57
    [InlineData(27, 5, 1, PaddingMode.Same, 27)]
    [InlineData(224, 7, 2, PaddingMode.Same, 112)]
    [InlineData(7, 3, 2, PaddingMode.Same, 4)]
    // VALID: ceil((in - kernel + 1) / stride).
    [InlineData(227, 11, 4, PaddingMode.Valid, 55)] // (227 - 11 + 1) / 4 = 54.25 -> 55
    [InlineData(55, 3, 2, PaddingMode.Valid, 27)] // (55 - 3 + 1) / 2 = 26.5 -> 27
    [InlineData(13, 3, 2, PaddingMode.Valid, 6)] // (13 - 3 + 1) / 2 = 5.5 -> 6
    [InlineData(3, 3, 1, PaddingMode.Valid, 1)]
    public void Output_size_follows_tensorflow(long input, long kernel, long stride, PaddingMode mode, long expected) =>
        Assert.Equal(expected, TfPadding.OutputSize(input, kernel, stride, mode));

    [Theory]
    // total = max((out - 1) * stride + kernel - in, 0); the odd one goes after.
    [InlineData(27, 5, 1, 2, 2)] // (27 - 1) * 1 + 5 - 27 = 4
    [InlineData(224, 7, 2, 2, 3)] // out 112: 111 * 2 + 7 - 224 = 5
    [InlineData(7, 3, 2, 1, 1)] // out 4: 3 * 2 + 3 - 7 = 2
    [InlineData(8, 3, 2, 0, 1)] // out 4: 3 * 2 + 3 - 8 = 1
    [InlineData(8, 1, 2, 0, 0)] // out 4: 3 * 2 + 1 - 8 = -1 -> 0
    public void Same_padding_puts_the_odd_pixel_after(long input, long kernel, long stride, long before, long after) =>
        Assert.Equal((before, after), TfPadding.Padding(input, kernel, stride, PaddingMode.Same));

    [Fact]
    public void Valid_padding_adds_nothing() => Assert.Equal((0L, 0L), TfPadding.Padding(227, 11, 4, PaddingMode.Valid));

    [Fact]
    public void Valid_padding_rejects_an_input_smaller_than_the_kernel()
    {
        var e = Assert.Throws<ArgumentException>(() => TfPadding.OutputSize(2, 3, 1, PaddingMode.Valid));
        Assert.Contains("input 2 < kernel 3", e.Message);
    }

    [Theory]
    [InlineData(0, 3, 1)]
    [InlineData(5, 0, 1)]
    [InlineData(5, 3, 0)]
    public void Non_positive_sizes_are_rejected(long input, long kernel, long stride) =>
        Assert.Throws<ArgumentException>(() => TfPadding.OutputSize(input, kernel, stride, PaddingMode.Same));
}
