using System.Text.Json;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Against;

/// <summary>
/// The measuring process's end of the A/B protocol (`PerfGate.Host.dll serve`): reads one command per line, runs it on the
/// local side that "hello" started, and answers on one line. A failing command is answered with its error (and the loop goes
/// on): the controller decides what a failure means. Ends at "quit" or when stdin closes.
/// </summary>
public static class ServeLoop
{
    public static int Run(TextReader input, TextWriter output, Func<SideSettings, IMeasuringSide> start)
    {
        IMeasuringSide? side = null;
        try
        {
            while (input.ReadLine() is { } line)
            {
                if (line.Trim().Length == 0)
                    continue;
                ServeReply reply;
                try
                {
                    var command = JsonSerializer.Deserialize<ServeCommand>(line, PerfGateJson.Strict)
                        ?? throw new PerfGateException(ErrorCodes.BadOption, "an empty A/B command.");
                    if (command.Op == "quit")
                        break;
                    IMeasuringSide Started() =>
                        side ?? throw new PerfGateException(ErrorCodes.BadOption, "the first A/B command must be hello.");
                    reply = command.Op switch
                    {
                        "hello" => new ServeReply(
                            Hello: (
                                side ??= start(
                                    command.Settings
                                        ?? throw new PerfGateException(ErrorCodes.BadOption, "hello needs the side's settings.")
                                )
                            ).Hello
                        ),
                        "prepare" => new ServeReply(Prepared: Started().Prepare(Model(command))),
                        "pilot" => new ServeReply(Pilot: Started().Pilot(Model(command), command.Batch)),
                        "turn" => new ServeReply(
                            Turn: Started().Turn(Model(command), command.Batch, command.ModelCalls, command.CalibrationCalls)
                        ),
                        "profile" => new ServeReply { Profile = Started().Profile(Model(command), command.Batch) },
                        _ => throw new PerfGateException(
                            ErrorCodes.BadOption,
                            $"unknown A/B command '{command.Op}' (protocol {ServeProtocol.Version})."
                        ),
                    };
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    var error = PerfGateException.Classify(
                        e is JsonException ? new PerfGateException(ErrorCodes.BadOption, $"not an A/B command: {e.Message}") : e
                    );
                    reply = new ServeReply(Error: error.CanonicalLine(), ExitCode: error.ExitCode);
                }
                output.WriteLine(ServeProtocol.ReplyPrefix + JsonSerializer.Serialize(reply, PerfGateJson.Line));
                output.Flush();
            }
        }
        finally
        {
            side?.Dispose();
        }
        return ExitCodes.Success;
    }

    private static string Model(ServeCommand command) =>
        command.Model ?? throw new PerfGateException(ErrorCodes.BadOption, $"'{command.Op}' needs a model.");
}
