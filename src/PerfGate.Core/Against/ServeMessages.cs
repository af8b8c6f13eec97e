using PerfGate.Core.Measurements;

namespace PerfGate.Core.Against;

/// <summary>
/// The A/B protocol between the controller and a measuring process (`PerfGate.Host.dll serve`): one JSON command per line on
/// the process's stdin, one reply per command on its stdout, on a line starting with <see cref="ReplyPrefix"/> (any other
/// line, e.g. a native library's, is passed on as progress). The first command is always "hello".
/// </summary>
public static class ServeProtocol
{
    /// <summary>
    /// Raised when a command or reply changes meaning. 2 added "profile" (one forward pass timed layer by layer); 3 added the
    /// model window's CPU seconds (the measuring thread's) to "turn" (a side of protocol 1 or 2 is judged on the wall clock).
    /// </summary>
    public const int Version = 3;

    /// <summary>The oldest side this controller measures against: a base built with an older PerfGate is measured, unprofiled.</summary>
    public const int Oldest = 1;

    /// <summary>Whether a side of this protocol answers "profile".</summary>
    public static bool Profiles(int protocol) => protocol >= 2;

    public const string ReplyPrefix = "@perfgate ";
}

/// <param name="Op">hello, prepare, pilot, turn, profile (protocol 2) or quit.</param>
public sealed record ServeCommand(
    string Op,
    SideSettings? Settings = null,
    string? Model = null,
    int Batch = 0,
    int ModelCalls = 0,
    int CalibrationCalls = 0
);

/// <summary>A reply: the payload of its command, or the error (a canonical line with its PG code) and the exit code it means.</summary>
public sealed record ServeReply(
    SideHello? Hello = null,
    SidePrepared? Prepared = null,
    SidePilot? Pilot = null,
    RoundTiming? Turn = null,
    string? Error = null,
    int ExitCode = 0
)
{
    /// <summary>The answer to "profile"; left out of every other reply, so that a controller of protocol 1 still reads hello.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ProfileRound? Profile { get; init; }
}
