using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Running;

/// <summary>
/// One <see cref="IModelRunner"/> call sent to PerfGate.Host (`run --request FILE --answer FILE`) as JSON: the verb and the
/// arguments it takes; the others stay null. <see cref="Protocol"/> changes when a call or an answer changes shape.
/// </summary>
public sealed record RunnerCall(
    int Protocol,
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
    public const int CurrentProtocol = 1;

    public static readonly string[] Verbs = ["models", "flops", "measure", "check", "record", "slope", "overhead"];

    /// <summary>Makes the call on <paramref name="runner"/> and returns the answer to send back.</summary>
    public object AnswerWith(IModelRunner runner, Action<string> progress)
    {
        if (Protocol != CurrentProtocol)
            throw new PerfGateException(
                ErrorCodes.NoMeasuringHost,
                $"this measuring host speaks runner protocol {CurrentProtocol}, the caller {Protocol}: use the same PerfGate version for "
                    + $"the tool and the project's PerfGate packages."
            );
        T Need<T>(T? value, string what)
            where T : class =>
            value ?? throw new PerfGateException(ErrorCodes.BadOption, $"the '{Verb}' call to the measuring host lacks its {what}.");
        return Verb switch
        {
            "models" => runner.Models(Assembly),
            "flops" => runner.Flops(Need(Model, "model"), Assembly, Batch),
            "measure" => runner.Measure(Need(Model, "model"), Assembly, Need(Plan, "plan"), Need(Settings, "settings"), progress),
            "check" => runner.Check(Need(Check, "request"), progress),
            "record" => runner.Record(Need(Check, "request"), Runs, progress),
            "slope" => runner.Slope(Batch, Threads, Need(Device, "device"), Seconds, progress),
            "overhead" => runner.Overhead(Need(Overhead, "settings"), progress),
            _ => throw new PerfGateException(
                ErrorCodes.BadOption,
                $"the measuring host knows no call '{Verb}' (it knows {string.Join(", ", Verbs)})."
            ),
        };
    }
}
