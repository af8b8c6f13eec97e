namespace PerfGate.Core.Measurements;

/// <summary>
/// What makes two measurements comparable: the device and the software that drove it. Stored with every result;
/// <see cref="Class"/> names the baseline file (e.g. <c>cpu-x64-avx512-1t</c>). Holds no host name, path or time.
/// </summary>
internal sealed record DeviceFingerprint(
    string Device,
    string Processor,
    string Architecture,
    string InstructionSet,
    int LogicalCores,
    int Threads,
    string? GpuName,
    string TorchSharpVersion,
    string LibTorchVersion,
    string? Microarchitecture = null
)
{
    /// <summary>
    /// The baseline's device class: on a CPU, architecture, vector ISA, microarchitecture (vendor, family and model, e.g.
    /// amd25.1 for Zen 3) and thread count, because the ratio of a model's speed to a GEMM's differs between CPU generations.
    /// </summary>
    public string Class =>
        Device == "cuda"
            ? $"cuda-{Slug(GpuName ?? "gpu")}"
            : $"cpu-{Architecture}-{InstructionSet}{(Microarchitecture is null ? "" : "-" + Microarchitecture)}-{Threads}t";

    private static string Slug(string text) =>
        string.Join("-", text.ToLowerInvariant().Split(' ', '_', '(', ')', '/').Where(p => p.Length > 0 && p != "nvidia"));
}
