using PerfGate.Core;

namespace PerfGate.Torch.Runtime;

/// <summary>
/// GPU name and memory from nvidia-smi. TorchSharp 0.107 exposes no CUDA allocator statistics, so the memory figure is the
/// device's used memory right after a batch size ran: an upper bound on this process's share.
/// </summary>
internal static class GpuQuery
{
    public static string? Name() => Query("name");

    public static long? TotalMemoryBytes() => Bytes("memory.total");

    public static long? UsedMemoryBytes() => Bytes("memory.used");

    /// <summary>A memory field, which nvidia-smi gives in MiB without units.</summary>
    private static long? Bytes(string field) => long.TryParse(Query(field), out var mebibytes) ? mebibytes * 1024 * 1024 : null;

    private static string? Query(string field) =>
        ToolOutput.Run("nvidia-smi", "--query-gpu=" + field, "--format=csv,noheader,nounits", "--id=0");
}
