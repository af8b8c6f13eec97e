using System.Diagnostics;

namespace PerfGate.Torch.Runtime;

/// <summary>
/// GPU name and memory from nvidia-smi. TorchSharp 0.107 exposes no CUDA allocator statistics, so the memory figure is the
/// device's used memory right after a batch size ran: an upper bound on this process's share.
/// </summary>
public static class GpuQuery
{
    public static string? Name() => Query("name")?.Trim();

    public static long? UsedMemoryBytes() =>
        long.TryParse(Query("memory.used")?.Trim(), out var mebibytes) ? mebibytes * 1024 * 1024 : null;

    private static string? Query(string field)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", ["--query-gpu=" + field, "--format=csv,noheader,nounits", "--id=0"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd();
            return process.WaitForExit(5000) && process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no nvidia-smi on this machine
        }
    }
}
