using PerfGate.Core;
using PerfGate.Core.Running;

namespace PerfGate.Orchestration.Hosting;

/// <summary>The measuring host's dispatch of the tool's <see cref="RunnerCall"/> onto its runner.</summary>
internal static class RunnerCalls
{
    /// <summary>Makes the call on <paramref name="runner"/> and returns the answer to send back.</summary>
    public static object Answer(RunnerCall call, IModelRunner runner, Action<string> progress)
    {
        T Need<T>(T? value, string what)
            where T : class =>
            value ?? throw new PerfGateException(ErrorCodes.BadOption, $"the '{call.Verb}' call to the measuring host lacks its {what}.");
        return call.Verb switch
        {
            "models" => runner.Models(call.Assembly),
            "flops" => runner.Flops(Need(call.Model, "model"), call.Assembly, call.Batch),
            "measure" => runner.Measure(
                Need(call.Model, "model"),
                call.Assembly,
                Need(call.Plan, "plan"),
                Need(call.Settings, "settings"),
                progress
            ),
            "check" => runner.Check(Need(call.Check, "request"), progress),
            "snapshot" => runner.Snapshot(Need(call.Check, "request"), call.Runs, progress),
            "slope" => runner.Slope(call.Batch, call.Threads, Need(call.Device, "device"), call.Seconds, progress),
            "overhead" => runner.Overhead(Need(call.Overhead, "settings"), progress),
            _ => throw new PerfGateException(
                ErrorCodes.BadOption,
                $"the measuring host knows no call '{call.Verb}' (it knows {string.Join(", ", RunnerCall.Verbs)})."
            ),
        };
    }
}
