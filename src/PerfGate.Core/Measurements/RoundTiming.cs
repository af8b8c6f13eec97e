using System.Text.Json.Serialization;

namespace PerfGate.Core.Measurements;

/// <summary>One interleaved round: the model's iteration and the calibration's iteration next to it.</summary>
internal sealed record RoundTiming(int ModelCalls, double ModelSeconds, int CalibrationCalls, double CalibrationSeconds)
{
    /// <summary>
    /// The CPU seconds of the measuring thread during the model's iteration (<c>ThreadCpuClock</c>), measured where they stand for
    /// its work:
    /// a CPU measured with one thread. Null elsewhere (a GPU, several threads, an OS without the clock, an older PerfGate).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ModelCpuSeconds { get; init; }

    /// <summary>
    /// The seconds the measuring thread waited for a CPU during the model's iteration (<c>ThreadRunDelay</c>), beside
    /// <see cref="ModelCpuSeconds"/>; null where either is not measured. <see cref="ModelSeconds"/> less this is the pass's own
    /// time, waits included.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ModelRunDelaySeconds { get; init; }
}
