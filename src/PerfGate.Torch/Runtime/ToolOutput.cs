using System.Diagnostics;

namespace PerfGate.Torch.Runtime;

/// <summary>Runs a small helper tool (nvidia-smi) and returns its trimmed stdout, or null when it is missing, fails or
/// hangs.</summary>
internal static class ToolOutput
{
    public static string? Run(string file, params string[] args)
    {
        try
        {
            using var process = Process.Start(
                new ProcessStartInfo(file, args)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                }
            );
            if (process is null)
                return null;
            _ = process.StandardError.ReadToEndAsync(); // drained, so a chatty tool cannot block on a full pipe
            var output = process.StandardOutput.ReadToEnd();
            return process.WaitForExit(5000) && process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // the tool is not installed
        }
    }
}
