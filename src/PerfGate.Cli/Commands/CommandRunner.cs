using PerfGate.Core;
using PerfGate.Core.Serialization;

namespace PerfGate.Cli.Commands;

/// <summary>
/// The edge where findings and errors become exit codes and stderr lines. Each kind of failure keeps its own code: bad input
/// (its PG02xx/PG03xx/PG0005… code, exit 2), the measured model (PG0004, exit 4), PerfGate's own I/O (PG0011, exit 5), and
/// anything else, a bug in PerfGate (PG0999, exit 5). With --json the error is also the one JSON document on stdout.
/// </summary>
internal static class CommandRunner
{
    public const string InternalError = "PG0999";

    public static int Guard(TextWriter stderr, Func<int> body) => Guard(stderr, null, body);

    /// <param name="json">stdout when --json was given: an error is then printed there as one JSON document too.</param>
    public static int Guard(TextWriter stderr, TextWriter? json, Func<int> body)
    {
        PerfGateException error;
        try
        {
            return body();
        }
        catch (PerfGateException e)
        {
            error = e;
        }
        catch (Exception e) when (PerfGateException.AssemblyMissing(e) is { } missing)
        {
            error = missing;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = new PerfGateException("PG0011", $"PerfGate could not read or write a file: {OneLine(e.Message)}", exitCode: ExitCodes.PerfGateFailed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = new PerfGateException(InternalError, $"internal error in PerfGate, please report it with this line: {e.GetType().Name}: {OneLine(e.Message)} at {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}",
                exitCode: ExitCodes.PerfGateFailed);
        }

        // MSBuild's canonical form, so that a build host shows it with its code, file and line.
        var origin = error.File is null ? "perfgate" : error.Line > 0 ? $"{error.File}({error.Line})" : error.File;
        stderr.WriteLine($"{origin}: error {error.Code}: {OneLine(error.Message)}");
        json?.Write(PerfGateJson.Serialize(new { error = new { code = error.Code, message = OneLine(error.Message), file = error.File, line = error.Line, exitCode = error.ExitCode } }));
        return error.ExitCode;
    }

    private static string OneLine(string message) => PerfGateException.FirstLine(message);

    /// <summary>Progress lines go to stderr, so stdout stays one clean document under --json.</summary>
    public static Action<string> Progress(TextWriter stderr) => line => stderr.WriteLine(line);
}
