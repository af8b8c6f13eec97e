using PerfGate.Core.Against;

namespace PerfGate.Core.Tests.Against;

public sealed class ConcurrentlyTests
{
    [Fact]
    public void Both_run_side_by_side_and_both_results_come_back()
    {
        using var bothStarted = new Barrier(2);
        var (one, two) = Concurrently.Run(
            () => bothStarted.SignalAndWait(TimeSpan.FromSeconds(10)) ? 1 : -1,
            () => bothStarted.SignalAndWait(TimeSpan.FromSeconds(10)) ? "two" : "alone"
        );
        Assert.Equal((1, "two"), (one, two)); // each waited for the other: they ran at the same time
    }

    [Fact]
    public void A_failure_is_rethrown_as_itself_and_what_succeeded_is_cleaned_up()
    {
        var cleaned = new List<object?>();
        var second = Assert.Throws<PerfGateException>(() =>
            Concurrently.Run<string, string>(
                () => "started",
                () => throw new PerfGateException("PG2004", "the base side died"),
                cleaned.Add
            )
        );
        Assert.Equal("PG2004", second.Code);
        Assert.Equal(["started"], cleaned);

        cleaned.Clear();
        var first = Assert.Throws<PerfGateException>(() =>
            Concurrently.Run<string, string>(
                () => throw new PerfGateException("PG0015", "the head side is too old"),
                () => "started",
                cleaned.Add
            )
        );
        Assert.Equal("PG0015", first.Code);
        Assert.Equal(["started"], cleaned);
    }
}
