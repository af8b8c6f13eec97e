using PerfGate.Core;

namespace PerfGate.Torch.Runtime;

/// <summary>
/// GPU name and memory from nvidia-smi. TorchSharp 0.107 exposes no CUDA allocator statistics, so the memory figure is the
/// device's used memory right after a batch size ran: an upper bound on this process's share.
/// </summary>
public static class GpuQuery
{
    public static string? Name() => Query("name");

    public static long? TotalMemoryBytes() => long.TryParse(Query("memory.total"), out var mebibytes) ? mebibytes * 1024 * 1024 : null;

    public static long? UsedMemoryBytes() => long.TryParse(Query("memory.used"), out var mebibytes) ? mebibytes * 1024 * 1024 : null;

    private static string? Query(string field) =>
        ToolOutput.Run("nvidia-smi", "--query-gpu=" + field, "--format=csv,noheader,nounits", "--id=0");
}
