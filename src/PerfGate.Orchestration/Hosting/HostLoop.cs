using System.Text.Json;
using PerfGate.Core;
using PerfGate.Core.Against;
using PerfGate.Core.Running;
using PerfGate.Core.Serialization;

namespace PerfGate.Orchestration.Hosting;

/// <summary>What a measuring host does for each kind of command: start an A/B side, answer one of the tool's runner calls, run
/// the build gate's check. Progress goes to the action each is given.</summary>
internal sealed record HostHandlers(
    Func<SideSettings, IMeasuringSide> StartSide,
    Func<RunnerCall, Action<string>, object> Call,
    Func<BuildGateRequest, Action<string>, BuildGateAnswer> Check
);

/// <summary>
/// The measuring host's end of <see cref="HostProtocol"/> (`PerfGate.Host.dll serve`): reads one command per line, answers on
/// one line. An A/B side lives from "hello" to the end; "call" and "check" are answered whole. A failing command is answered
/// with its error (and the loop goes on): the caller decides what a failure means. Ends at "quit" or when stdin closes.
/// </summary>
internal static class HostLoop
{
    public static int Run(TextReader input, TextWriter output, TextWriter progress, HostHandlers handlers)
    {
        IMeasuringSide? side = null;
        void Progress(string line)
        {
            lock (progress)
                progress.WriteLine(line);
        }
        try
        {
            while (input.ReadLine() is { } line)
            {
                if (line.Trim().Length == 0)
                    continue;
                HostReply reply;
                try
                {
                    var command = JsonSerializer.Deserialize<HostCommand>(line, PerfGateJson.Strict)
                        ?? throw new PerfGateException(ErrorCodes.BadOption, "an empty command.");
                    if (command.Op == "quit")
                        break;
                    IMeasuringSide Started() =>
                        side ?? throw new PerfGateException(ErrorCodes.BadOption, "the first A/B command must be hello.");
                    reply = command.Op switch
                    {
                        "hello" => new HostReply(
                            Hello: (
                                side ??= handlers.StartSide(
                                    command.Settings
                                        ?? throw new PerfGateException(ErrorCodes.BadOption, "hello needs the side's settings.")
                                )
                            ).Hello with
                            {
                                Protocol = HostProtocol.Version, // the protocol is the loop's, whatever the side
                            }
                        ),
                        "prepare" => new HostReply(Prepared: Started().Prepare(Model(command))),
                        "pilot" => new HostReply(Pilot: Started().Pilot(Model(command), command.Batch)),
                        "turn" => new HostReply(
                            Turn: Started().Turn(Model(command), command.Batch, command.ModelCalls, command.CalibrationCalls)
                        ),
                        "profile" => new HostReply { Profile = Started().Profile(Model(command), command.Batch) },
                        "call" => new HostReply
                        {
                            Answer = JsonSerializer.SerializeToElement(
                                handlers.Call(Versioned(command, command.Call, "runner call"), Progress),
                                PerfGateJson.Options
                            ),
                        },
                        "check" => new HostReply { Gate = handlers.Check(Versioned(command, command.Gate, "gate request"), Progress) },
                        _ => throw new PerfGateException(
                            ErrorCodes.BadOption,
                            $"unknown command '{command.Op}' (protocol {HostProtocol.Version})."
                        ),
                    };
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    var error = PerfGateException.Classify(
                        e is JsonException ? new PerfGateException(ErrorCodes.BadOption, $"not a command: {e.Message}") : e
                    );
                    reply = new HostReply(Error: error.CanonicalLine(), ExitCode: error.ExitCode);
                }
                output.WriteLine(HostProtocol.ReplyPrefix + JsonSerializer.Serialize(reply, PerfGateJson.Line));
                output.Flush();
            }
        }
        finally
        {
            side?.Dispose();
        }
        return ExitCodes.Success;
    }

    /// <summary>The payload of "call" or "check", from a caller of this protocol only (the tool and the build's packages must be
    /// one PerfGate version).</summary>
    private static T Versioned<T>(HostCommand command, T? payload, string what)
        where T : class
    {
        if (command.Protocol != HostProtocol.Version)
            throw new PerfGateException(
                ErrorCodes.NoMeasuringHost,
                $"this measuring host speaks protocol {HostProtocol.Version}, the caller {command.Protocol}: use the same PerfGate "
                    + "version for the tool (or the build's PerfGate package) and the project's PerfGate packages."
            );
        return payload ?? throw new PerfGateException(ErrorCodes.BadOption, $"'{command.Op}' needs its {what}.");
    }

    private static string Model(HostCommand command) =>
        command.Model ?? throw new PerfGateException(ErrorCodes.BadOption, $"'{command.Op}' needs a model.");
}
