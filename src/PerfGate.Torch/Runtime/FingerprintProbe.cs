using System.Runtime.InteropServices;
using BenchmarkDotNet.Environments;
using TorchSharp;
using PerfGate.Core.Measurements;
using static TorchSharp.torch;

namespace PerfGate.Torch.Runtime;

/// <summary>Reads the device fingerprint: BenchmarkDotNet's host information for the CPU, /proc/cpuinfo for its vector ISA, nvidia-smi for the GPU.</summary>
public static class FingerprintProbe
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
            TorchSettings.LibTorchVersion);
    }

    /// <summary>The widest vector extension libtorch can use here: it decides which kernels run, so it is part of the class.</summary>
    private static string InstructionSet()
    {
        if (RuntimeInformation.ProcessArchitecture == Architecture.Arm64) return "neon";
        const string cpuinfo = "/proc/cpuinfo";
        var flags = File.Exists(cpuinfo)
            ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal))?.Split(' ') ?? []
            : [];
        return flags.Contains("avx512f") ? "avx512" : flags.Contains("avx2") ? "avx2" : flags.Contains("avx") ? "avx" : "sse";
    }
}
