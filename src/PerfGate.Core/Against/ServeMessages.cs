using PerfGate.Core.Measurements;

namespace PerfGate.Core.Against;

/// <summary>
/// The A/B protocol between the controller and a measuring process (`PerfGate.Host.dll serve`): one JSON command per line on
/// the process's stdin, one reply per command on its stdout, on a line starting with <see cref="ReplyPrefix"/> (any other
/// line, e.g. a native library's, is passed on as progress). The first command is always "hello".
/// </summary>
public static class ServeProtocol
{
    /// <summary>Raised when a command or reply changes meaning; both sides must speak the same one.</summary>
    public const int Version = 1;

    public const string ReplyPrefix = "@perfgate ";
}

/// <param name="Op">hello, prepare, pilot, turn or quit.</param>
public sealed record ServeCommand(string Op, SideSettings? Settings = null, string? Model = null, int Batch = 0, int ModelCalls = 0, int CalibrationCalls = 0);

/// <summary>A reply: the payload of its command, or the error (a canonical line with its PG code) and the exit code it means.</summary>
public sealed record ServeReply(SideHello? Hello = null, SidePrepared? Prepared = null, SidePilot? Pilot = null, RoundTiming? Turn = null, string? Error = null, int ExitCode = 0);
