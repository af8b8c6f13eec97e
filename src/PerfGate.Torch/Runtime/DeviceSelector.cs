using PerfGate.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace PerfGate.Torch.Runtime;

/// <summary>Turns --device auto|cpu|cuda into a TorchSharp device: the GPU where one exists, the CPU otherwise.</summary>
internal static class DeviceSelector
{
    public static IReadOnlyList<string> Choices => Core.Measurements.MeasurePlan.Devices;

    public static Device Resolve(string choice) =>
        choice.ToLowerInvariant() switch
        {
            "auto" => cuda.is_available() ? CUDA : CPU,
            "cpu" => CPU,
            "cuda" when cuda.is_available() => CUDA,
            "cuda" => throw new PerfGateException(
                ErrorCodes.BadDevice,
                "--device cuda was asked for, but no CUDA device is available (is the build using -p:PerfGateTorchBackend=cuda on a GPU "
                    + "machine?)."
            ),
            _ => throw new PerfGateException(ErrorCodes.BadDevice, $"--device '{choice}' is not one of {string.Join(", ", Choices)}."),
        };

    /// <summary>Waits for queued GPU work so that a timer read afterwards covers it; nothing to wait for on the CPU.</summary>
    public static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA)
            cuda.synchronize(device);
    }
}
