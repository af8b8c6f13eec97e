using PerfGate.Core;
using PerfGate.Core.Serialization;

namespace PerfGate.Commands.Verbs;

/// <summary>
/// The edge where findings and errors become exit codes and stderr lines. Each kind of failure keeps its own code
/// (<see cref="PerfGateException.Classify"/>): bad input (exit 2), the measured model (PG0004, exit 4), PerfGate's own I/O
/// (PG0011, exit 5), a bug (PG0999, exit 5). With --json the error is also the one JSON document on stdout.
/// </summary>
internal static class CommandGuard
{
    public static int Guard(TextWriter stderr, Func<int> body) => Guard(stderr, null, body);

    /// <param name="json">stdout when --json was given: an error is then printed there as one JSON document too.</param>
    public static int Guard(TextWriter stderr, TextWriter? json, Func<int> body)
    {
        PerfGateException error;
        try
        {
            return body();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = PerfGateException.Classify(e);
        }

        stderr.WriteLine(error.CanonicalLine());
        json?.Write(
            PerfGateJson.Serialize(
                new
                {
                    error = new
                    {
                        code = error.Code,
                        message = PerfGateException.FirstLine(error.Message),
                        file = error.File,
                        line = error.Line > 0 ? error.Line : (int?)null,
                        exitCode = error.ExitCode,
                    },
                }
            )
        );
        return error.ExitCode;
    }

    /// <summary>Progress lines go to stderr, so stdout stays one clean document under --json.</summary>
    public static Action<string> Progress(TextWriter stderr) => line => stderr.WriteLine(line);
}
