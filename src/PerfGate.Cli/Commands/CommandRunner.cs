using PerfGate.Core;

namespace PerfGate.Cli.Commands;

/// <summary>The edge where findings and errors become exit codes and stderr lines.</summary>
internal static class CommandRunner
{
    public static int Guard(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (PerfGateException e)
        {
            // MSBuild's canonical form, so that a build host shows it with its code, file and line.
            var origin = e.File is null ? "perfgate" : e.Line > 0 ? $"{e.File}({e.Line})" : e.File;
            stderr.WriteLine($"{origin}: error {e.Code}: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"perfgate: error PG0004: the measured model failed: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.MeasuredProcessFailed;
        }
    }

    /// <summary>Progress lines go to stderr, so stdout stays one clean document under --json.</summary>
    public static Action<string> Progress(TextWriter stderr) => line => stderr.WriteLine(line);
}
