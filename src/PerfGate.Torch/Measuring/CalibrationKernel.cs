using PerfGate.Torch.Runtime;
using static TorchSharp.torch;

namespace PerfGate.Torch.Measuring;

/// <summary>
/// The reference kernel timed between the model's iterations: a dense n×n single-precision GEMM, whose FLOP/s stands
/// for "what this device delivers right now". Dividing the model's throughput by it cancels much of what a shared
/// machine does to both (another tenant, frequency changes), because both run in the same short windows.
/// </summary>
internal sealed class CalibrationKernel : IDisposable
{
    public const int DefaultSize = 512;

    private readonly Tensor _a,
        _b;
    private readonly Device _device;

    public CalibrationKernel(Device device, int size = DefaultSize)
    {
        Size = size;
        _device = device;
        _a = randn(size, size, device: device);
        _b = randn(size, size, device: device);
    }

    public int Size { get; }

    public string Name => $"gemm-{Size}";

    /// <summary>2·n³: n² outputs, each a dot product of n multiply-adds.</summary>
    public double FlopsPerCall => 2.0 * Size * Size * Size;

    public void RunOnce()
    {
        using var scope = NewDisposeScope();
        _a.mm(_b);
        DeviceSelector.Synchronize(_device);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
