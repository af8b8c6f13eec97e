using System.Runtime.InteropServices;
using BenchmarkDotNet.Environments;
using PerfGate.Core.Measurements;
using TorchSharp;
using static TorchSharp.torch;

namespace PerfGate.Torch.Runtime;

/// <summary>Reads the device fingerprint: BenchmarkDotNet's host information for the CPU, /proc/cpuinfo for its vector ISA, nvidia-smi for
/// the GPU.</summary>
internal static class FingerprintProbe
{
    public static DeviceFingerprint Probe(Device device, int threads)
    {
        var cpu = HostEnvironmentInfo.GetCurrent().Cpu.Value;
        var isCuda = device.type == DeviceType.CUDA;
        return new DeviceFingerprint(
            isCuda ? "cuda" : "cpu",
            string.IsNullOrWhiteSpace(cpu.ProcessorName) ? "unknown" : cpu.ProcessorName.Trim(),
            RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            InstructionSet(),
            cpu.LogicalCoreCount ?? Environment.ProcessorCount,
            threads,
            isCuda ? GpuQuery.Name() : null,
            TorchSettings.TorchSharpVersion,
            TorchSettings.LibTorchVersion,
            Microarchitecture()
        );
    }

    /// <summary>Vendor, family and model from /proc/cpuinfo (x86: amd25.1, intel6.85; Arm: implementer and part), or null.</summary>
    private static string? Microarchitecture()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
            return null;
        var fields = File.ReadLines(cpuinfo)
            .TakeWhile(l => l.Length > 0)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim())
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());
        if (
            fields.TryGetValue("vendor_id", out var vendor)
            && fields.TryGetValue("cpu family", out var family)
            && fields.TryGetValue("model", out var model)
        )
            return (
                    vendor switch
                    {
                        "AuthenticAMD" => "amd",
                        "GenuineIntel" => "intel",
                        _ => vendor.ToLowerInvariant(),
                    }
                ) + $"{family}.{model}";
        if (fields.TryGetValue("CPU implementer", out var implementer) && fields.TryGetValue("CPU part", out var part))
            return $"arm{implementer}.{part}";
        return null;
    }

    /// <summary>The widest vector extension libtorch can use here: it decides which kernels run, so it is part of the class.</summary>
    private static string InstructionSet()
    {
        if (RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
            return "neon";
        const string cpuinfo = "/proc/cpuinfo";
        var flags = File.Exists(cpuinfo)
            ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal))?.Split(' ') ?? []
            : [];
        return flags.Contains("avx512f") ? "avx512"
            : flags.Contains("avx2") ? "avx2"
            : flags.Contains("avx") ? "avx"
            : "sse";
    }
}
