using System.Reflection;
using PerfGate.Core.Measurements;
using PerfGate.Torch.Runtime;
using static TorchSharp.torch;

namespace PerfGate.Torch.Measuring;

/// <summary>
/// Where measurements run, probed once per process: the TorchSharp device, its fingerprint (device class), and the build
/// configuration of the measuring code and of the user's workload assembly.
/// </summary>
internal sealed record MeasuringMachine(Device Device, DeviceFingerprint Fingerprint, BuildInfo Build)
{
    public static MeasuringMachine Probe(string device, int threads, Assembly? workloads)
    {
        TorchSettings.Apply(threads);
        var resolved = DeviceSelector.Resolve(device);
        return new MeasuringMachine(
            resolved,
            FingerprintProbe.Probe(resolved, threads),
            new BuildInfo(ToolConfiguration(), workloads is null ? null : BuildInfo.Of(workloads))
        );
    }

    /// <summary>Debug when the measuring code (this library, or the program that hosts it) was built without optimizations.</summary>
    private static string ToolConfiguration() =>
        new[] { typeof(MeasuringMachine).Assembly, Assembly.GetEntryAssembly() }
            .OfType<Assembly>()
            .Any(a => BuildInfo.Of(a) == BuildInfo.Debug)
            ? BuildInfo.Debug
            : BuildInfo.Release;
}
