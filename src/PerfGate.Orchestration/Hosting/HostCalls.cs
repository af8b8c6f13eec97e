using System.Text.Json;
using PerfGate.Core;
using PerfGate.Core.Running;
using PerfGate.Core.Serialization;
using PerfGate.Orchestration.Building;

namespace PerfGate.Orchestration.Hosting;

/// <summary>One runner call ("call" of <see cref="HostProtocol"/>) answered by a fresh measuring host on a build output.</summary>
internal static class HostCalls
{
    public static T Call<T>(HostLayout layout, RunnerCall call, Action<string>? progress, TimeSpan timeout)
    {
        using var host = HostProcess.Start("measuring host", layout, progress);
        var reply = host.Send(new HostCommand("call") { Call = call, Protocol = HostProtocol.Version }, timeout);
        return reply.Answer is { } answer
            ? answer.Deserialize<T>(PerfGateJson.Options)!
            : throw new PerfGateException(
                ErrorCodes.ReportMissing,
                $"the measuring host answered '{call.Verb}' without its answer.",
                layout.HostAssembly,
                exitCode: ExitCodes.MeasuredProcessFailed
            );
    }
}
