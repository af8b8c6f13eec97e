using PerfGate.Core.Measurements;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Against;

/// <summary>
/// One batch size measured on both sides in alternating turns: round i is base's turn and head's turn next to each other
/// (in ABBA order). The paired sample is the ratio of head's throughput to base's over each ABBA pair of rounds
/// (<see cref="PairsOf"/>).
/// </summary>
internal sealed record PairedBatch(int Batch, IReadOnlyList<RoundTiming> Base, IReadOnlyList<RoundTiming> Head, string? Skipped = null)
{
    /// <summary>Profile rounds of base, between the turns; pair i of <see cref="BaseProfile"/> and <see cref="HeadProfile"/> ran next to
    /// each other.</summary>
    public IReadOnlyList<ProfileRound> BaseProfile { get; init; } = [];

    public IReadOnlyList<ProfileRound> HeadProfile { get; init; } = [];

    /// <summary>Each side's peak memory at this batch size in this launch (<see cref="SidePilot.PeakMemoryBytes"/>); null when a side
    /// did not measure it.</summary>
    public long? BaseMemory { get; init; }

    public long? HeadMemory { get; init; }

    /// <summary>
    /// ln(head images/s ÷ base images/s) per ABBA pair of rounds (<see cref="PairsOf"/>): negative when head is slower. Each
    /// round's model windows on the measuring thread's CPU clock when both sides measured it in every round
    /// (<see cref="ByCpuTime"/>), else on the wall clock. Raw model windows: the two turns of a round are next to each other,
    /// which cancels the machine's slow drift; dividing each by its calibration window added noise at this time scale here
    /// (tests/benchmarks/ab-accuracy.sh) and would hide a TorchSharp bump that slows the GEMM too.
    /// </summary>
    public double[] LogRatios() => LogRatios(ByCpuTime);

    /// <summary>The ratios on the CPU clock (<paramref name="onCpuTime"/>, which <see cref="ByCpuTime"/> must allow) or the wall
    /// clock.</summary>
    public double[] LogRatios(bool onCpuTime) => Ratios(Clock(onCpuTime));

    /// <summary>
    /// Every launch's ratios on one clock: CPU time only when every launch that measured has it (<see cref="OnCpuTime"/>), so
    /// that an estimate never mixes one launch's CPU-time figure with another's wall-clock figure (their noise and any
    /// offset between the clocks differ).
    /// </summary>
    public static double[][] LaunchLogRatios(IReadOnlyList<PairedBatch> launches)
    {
        var onCpuTime = OnCpuTime(launches);
        return launches.Select(l => l.LogRatios(onCpuTime)).ToArray();
    }

    /// <summary>
    /// Per launch, every batch size's ratios pooled, on one clock for all of them
    /// (<see cref="LaunchLogRatios(IReadOnlyList{PairedBatch})"/>).
    /// </summary>
    public static double[][] LaunchLogRatios(IReadOnlyList<IReadOnlyList<PairedBatch>> launches)
    {
        var onCpuTime = OnCpuTime(launches.SelectMany(l => l));
        return launches.Select(l => l.SelectMany(p => p.LogRatios(onCpuTime)).ToArray()).ToArray();
    }

    /// <summary>Whether these launches are compared on CPU time: every one that measured a round has it on both sides.</summary>
    public static bool OnCpuTime(IEnumerable<PairedBatch> launches)
    {
        var measured = launches.Where(l => l.Rounds > 0).ToArray();
        return measured.Length > 0 && measured.All(l => l.ByCpuTime);
    }

    /// <summary>The same ratios on the wall clock, whichever clock the verdict uses.</summary>
    public double[] WallLogRatios() => Ratios(Clock(onCpuTime: false));

    /// <summary>
    /// The ratios on each pass's own time: the wall clock less the time the measuring thread waited for a CPU
    /// (<see cref="RoundTiming.ModelRunDelaySeconds"/>), so a neighbour's share is gone and a wait is kept; never below the
    /// round's CPU time (the delay is read just outside the timed window, and a wait there, a collection say, is not the
    /// window's). Empty unless every round of both sides carries the delay (<see cref="HasOwnTime"/>).
    /// </summary>
    public double[] OwnLogRatios() =>
        HasOwnTime ? Ratios(r => Math.Max(r.ModelSeconds - r.ModelRunDelaySeconds!.Value, r.ModelCpuSeconds!.Value)) : [];

    /// <summary>Whether every round of both sides measured its CPU time and its run-queue delay.</summary>
    public bool HasOwnTime => ByCpuTime && Base.Concat(Head).All(r => r.ModelRunDelaySeconds >= 0);

    /// <summary>
    /// Whether the rounds are compared on CPU time: every round of both sides carries it (a CPU measured with one
    /// thread, protocol 3 on both sides). On a shared runner the wall clock also counts the time a neighbour held the CPU,
    /// which differs from one window to the next; the CPU time of a one-thread pass does not.
    /// </summary>
    public bool ByCpuTime => Rounds > 0 && Base.Concat(Head).All(r => r.ModelCpuSeconds > 0);

    /// <summary>How the verdict names the clock of these launches' rounds.</summary>
    public static string ClockOf(IEnumerable<PairedBatch> launches) => OnCpuTime(launches) ? "CPU time" : "wall time";

    private double[] Ratios(Func<RoundTiming, double> seconds) => PairsOf(RoundRatios(seconds));

    /// <summary>Each round's own log-ratio on the verdict's clock, unpaired: base went first in the even rounds. For the results
    /// file, where turn order can be checked (tests/benchmarks/ab-round-order.py); no verdict reads it.</summary>
    public double[] RoundLogRatios() => RoundRatios(Clock(ByCpuTime));

    /// <summary>A turn's model window on the measuring thread's CPU clock, or on the wall clock.</summary>
    private static Func<RoundTiming, double> Clock(bool onCpuTime) => onCpuTime ? r => r.ModelCpuSeconds!.Value : r => r.ModelSeconds;

    private double[] RoundRatios(Func<RoundTiming, double> seconds) =>
        Base.Zip(Head, (b, h) => Math.Log(seconds(b) / b.ModelCalls / (seconds(h) / h.ModelCalls))).ToArray();

    /// <summary>
    /// Each ABBA pair of rounds' mean log-ratio: rounds 2k (base, then head) and 2k + 1 (head, then base). A side whose turn
    /// follows its own previous turn runs warmer (its weights still in the caches), and in ABBA order that is head in the odd
    /// rounds and base in the even ones: round by round the ratios alternate around the truth (seen in an A/A run beside a
    /// neighbour: +4.2% in head-first rounds, +2.7% in base-first ones at batch 1; +3.2% and −1.8% at batch 4), and a median
    /// over rounds leaned toward whichever kind there were more of (head's, with an even count: round 0 is neither). Within a
    /// pair each side has one warm turn and one cold one. A last round without its pair is left out (unless it is the only
    /// one); the sampler runs rounds in pairs.
    /// </summary>
    public static double[] PairsOf(double[] rounds) =>
        rounds.Length < 2 ? rounds : Enumerable.Range(0, rounds.Length / 2).Select(k => (rounds[2 * k] + rounds[2 * k + 1]) / 2).ToArray();

    public int Rounds => Math.Min(Base.Count, Head.Count);

    /// <summary>The median images/s of one side's rounds (0 without rounds).</summary>
    public double MedianImagesPerSec(IReadOnlyList<RoundTiming> rounds) =>
        rounds.Count > 0 ? SampleStatistics.Of(rounds.Select(r => r.ModelCalls * (double)Batch / r.ModelSeconds).ToArray()).Median : 0;

    /// <summary>One batch size in every launch, in launch order.</summary>
    public static IReadOnlyList<PairedBatch> InEach(int batch, IReadOnlyList<IReadOnlyList<PairedBatch>> launches) =>
        launches.Select(l => l.First(p => p.Batch == batch)).ToArray();

    /// <summary>One batch size's rounds of several launches, joined (skipped only when no launch measured it).</summary>
    public static PairedBatch Join(int batch, IReadOnlyList<PairedBatch> launches) =>
        new(
            batch,
            launches.SelectMany(l => l.Base).ToArray(),
            launches.SelectMany(l => l.Head).ToArray(),
            launches.Sum(l => l.Rounds) == 0 ? launches.Select(l => l.Skipped).FirstOrDefault(s => s is not null) : null
        )
        {
            BaseProfile = launches.SelectMany(l => l.BaseProfile).ToArray(),
            HeadProfile = launches.SelectMany(l => l.HeadProfile).ToArray(),
        };
}
