using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Running;

/// <summary>
/// One <see cref="IModelRunner"/> call the installed tool sends to a measuring host (the "call" command of the host
/// protocol): the verb and the arguments it takes; the others stay null.
/// </summary>
internal sealed record RunnerCall(
    string Verb,
    string? Model = null,
    string? Assembly = null,
    int Batch = 0,
    MeasurePlan? Plan = null,
    SamplerSettings? Settings = null,
    CheckRequest? Check = null,
    int Runs = 0,
    int Threads = 0,
    string? Device = null,
    double Seconds = 0,
    OverheadCall? Overhead = null
)
{
    public static readonly string[] Verbs = ["models", "flops", "measure", "check", "snapshot", "slope", "overhead"];
}
