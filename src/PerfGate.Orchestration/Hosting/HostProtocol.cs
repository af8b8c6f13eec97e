using System.Text.Json;
using System.Text.Json.Serialization;
using PerfGate.Core.Against;
using PerfGate.Core.Measurements;
using PerfGate.Core.Running;

namespace PerfGate.Orchestration.Hosting;

/// <summary>
/// The one protocol between PerfGate and a measuring host (`PerfGate.Host.dll serve`, started on a build output): the build
/// gate, the installed tool and each side of an A/B run speak it. One JSON command per line on the host's stdin, one reply per
/// command on its stdout, on a line starting with <see cref="ReplyPrefix"/> (any other line, e.g. a native library's or the
/// model's own, is progress, as is stderr). A failing command is answered with its error as a canonical line and an exit code.
/// </summary>
internal static class HostProtocol
{
    /// <summary>
    /// Raised when a command or reply changes meaning. 2 added "profile" (one forward pass timed layer by layer); 3 added the
    /// model window's CPU seconds (the measuring thread's) to "turn" (a side of protocol 1 or 2 is judged on the wall clock);
    /// 4 added "call" (the installed tool) and "check" (the build gate), which carry the caller's protocol.
    /// </summary>
    public const int Version = 4;

    /// <summary>The oldest side this controller measures against: a base built with an older PerfGate is measured, unprofiled.</summary>
    public const int Oldest = 1;

    /// <summary>Whether a side of this protocol answers "profile".</summary>
    public static bool Profiles(int protocol) => protocol >= 2;

    public const string ReplyPrefix = "@perfgate ";
}

/// <summary>One command. The A/B side's commands keep the shape of protocol 1 (a base built with an older PerfGate reads them
/// strictly); what later protocols added is left out when unset.</summary>
/// <param name="Op">hello, prepare, pilot, turn, profile (an A/B side); call (the tool); check (the build gate); quit.</param>
internal sealed record HostCommand(
    string Op,
    SideSettings? Settings = null,
    string? Model = null,
    int Batch = 0,
    int ModelCalls = 0,
    int CalibrationCalls = 0
)
{
    /// <summary>The caller's <see cref="HostProtocol.Version"/>, sent with "call" and "check" (an A/B side says its own in
    /// hello).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Protocol { get; init; }

    /// <summary>The tool's call ("call").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunnerCall? Call { get; init; }

    /// <summary>The build gate's request ("check").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BuildGateRequest? Gate { get; init; }
}

/// <summary>A reply: the payload of its command, or the error (a canonical line with its PG code) and the exit code it means.</summary>
internal sealed record HostReply(
    SideHello? Hello = null,
    SidePrepared? Prepared = null,
    SidePilot? Pilot = null,
    RoundTiming? Turn = null,
    string? Error = null,
    int ExitCode = 0
)
{
    /// <summary>The answer to "profile"; left out of every other reply, so that a controller of protocol 1 still reads hello.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProfileRound? Profile { get; init; }

    /// <summary>The answer to "call", as the runner's result in JSON (its type is the call's).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Answer { get; init; }

    /// <summary>The answer to "check".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BuildGateAnswer? Gate { get; init; }
}
