namespace PerfGate.Core.Tests;

/// <summary>An error printed by one PerfGate process (a measuring host, an A/B side) and read back by another.</summary>
public class PerfGateExceptionTests
{
    [Theory]
    [InlineData("baselines/tiny/counts.verified.json", 12)]
    [InlineData("baselines/tiny/counts.verified.json", 0)]
    [InlineData(null, 0)]
    public void A_canonical_line_reads_back_as_the_error_it_was(string? file, int line)
    {
        var printed = new PerfGateException("PG0201", "not a baseline: model is missing.", file, line).CanonicalLine();

        var read = PerfGateException.FromCanonicalLine(printed, ExitCodes.MeasuredProcessFailed, "base side: ")!;

        Assert.Equal(
            ("PG0201", "base side: not a baseline: model is missing.", file, line, ExitCodes.MeasuredProcessFailed),
            (read.Code, read.Message, read.File, read.Line, read.ExitCode)
        );
    }

    [Fact]
    public void Any_other_line_is_not_an_error()
    {
        Assert.Null(PerfGateException.FromCanonicalLine("alexnet: batch 4 (1/2), 2.0 s", 0));
        Assert.Null(PerfGateException.FromCanonicalLine("warning PG1004: nothing to compare", 0));
    }
}
