using PerfGate.Core.Text;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Models;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Counting;

/// <summary>
/// Counted memory from the layers as they ran, checked against hand counts: parameter bytes (elements × 4 for float32) and the
/// peak of activations alive at once by the rule "a layer's input and output alive together".
/// </summary>
public class MemoryCountTests
{
    [Fact]
    public void A_small_chain_counts_its_parameter_bytes_and_its_peak_by_hand()
    {
        using var model = Sequential(("fc1", Linear(4, 8)), ("relu", ReLU()), ("fc2", Linear(8, 2)));
        using var input = ones(1, 4);

        var report = new FlopCounter().Count("chain", model, input);

        // fc1: 4x8 weights + 8 biases, fc2: 8x2 + 2; float32.
        Assert.Equal((4 * 8 + 8 + 8 * 2 + 2) * 4, report.Memory.ParamBytes);
        // fc1 in 4 + out 8 floats = 48 B; relu 8 + 8 = 64 B; fc2 8 + 2 = 40 B: the peak is relu's.
        Assert.Equal(64, report.Memory.PeakActivationBytes);
        Assert.Equal("relu", report.Memory.PeakLayer);
        Assert.Equal([8 * 4, 8 * 4, 2 * 4], report.Layers.Select(l => l.OutputBytes!.Value));
    }

    [Fact]
    public void Doubles_count_twice_the_bytes()
    {
        using var model = Sequential(("fc", Linear(4, 8)));
        model.to(ScalarType.Float64);
        using var input = ones(1, 4, dtype: float64);

        var report = new FlopCounter().Count("double", model, input);

        Assert.Equal((4 * 8 + 8) * 8, report.Memory.ParamBytes);
        Assert.Equal((4 + 8) * 8, report.Memory.PeakActivationBytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    public void AlexNet_peaks_at_the_first_relu_and_scales_with_the_batch(int batch)
    {
        using var model = AlexNet.Create();
        model.eval();
        using var input = zeros([batch, .. AlexNet.InputShape]);

        var report = new FlopCounter().Count("alexnet", model, input);

        // conv1_relu: input and output are both 64x55x55 floats (conv1 on 3x227x227 is 3·227·227 + 64·55·55 floats, less).
        Assert.Equal("conv1_relu", report.Memory.PeakLayer);
        Assert.Equal(batch * 2L * 64 * 55 * 55 * 4, report.Memory.PeakActivationBytes); // 1,548,800 B at batch 1
        // Parameters by hand, weights + biases per layer (tf_cnn_benchmarks AlexNet), float32.
        long[] parameters =
        [
            3 * 11 * 11 * 64 + 64,
            64 * 5 * 5 * 192 + 192,
            192 * 3 * 3 * 384 + 384,
            384 * 3 * 3 * 384 + 384,
            384 * 3 * 3 * 256 + 256,
            9216 * 4096 + 4096,
            4096 * 4096 + 4096,
            4096 * 1000 + 1000,
        ];
        Assert.Equal(parameters.Sum() * 4, report.Memory.ParamBytes);
        var largest = report.Memory.LargestBatch(8L << 30, batch)!.Value;
        Assert.Equal((8L << 30) - parameters.Sum() * 4, largest * 2L * 64 * 55 * 55 * 4, tolerance: 2L * 64 * 55 * 55 * 4);
        Assert.Contains("largest batch that fits", FlopTableText.Render(report, 8L << 30));
    }
}
