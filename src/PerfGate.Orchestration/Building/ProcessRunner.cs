using System.Diagnostics;
using PerfGate.Core;

namespace PerfGate.Orchestration.Building;

/// <summary>Runs git or a dotnet build to completion, with a time limit, returning the exit code and both outputs.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>For an error message, on one line: the distinct lines that say "error" (a compiler's, git's), else the last
        /// lines.</summary>
        public string Tail(int lines = 5)
        {
            var all = (Stdout + "\n" + Stderr)
                .ReplaceLineEndings("\n")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var errors = all.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(lines).ToArray();
            return string.Join(" | ", errors.Length > 0 ? errors : all.TakeLast(lines));
        }
    }

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static Result Run(
        string file,
        IEnumerable<string> args,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null
    )
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            if (value is null)
                info.Environment.Remove(key);
            else
                info.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PerfGateException(ErrorCodes.GitFailed, $"could not run {file}: {e.Message}; is it installed and on the PATH?");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new PerfGateException(
                    ErrorCodes.BuildFailed,
                    $"'{file} {string.Join(' ', info.ArgumentList)}' did not finish in {timeout.TotalMinutes:0} minutes and was stopped.",
                    workingDirectory
                );
            }
            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
