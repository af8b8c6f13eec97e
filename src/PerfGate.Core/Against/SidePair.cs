namespace PerfGate.Core.Against;

/// <summary>
/// The two measuring processes of one launch. A process carries a bias of its own (where its memory landed, which core it
/// started on, which process started first): in our A/A runs of unchanged code, one pair of processes could differ by 4–7%,
/// consistently for its whole life. So each measurement spreads its rounds over two launches, the second starting the sides
/// in the other order, as BenchmarkDotNet launches a benchmark's process more than once.
/// </summary>
internal sealed record SidePair(IMeasuringSide Base, IMeasuringSide Head) : IDisposable
{
    public void Dispose()
    {
        Head.Dispose();
        Base.Dispose();
    }
}
