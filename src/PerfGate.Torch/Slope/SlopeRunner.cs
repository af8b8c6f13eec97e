using TorchSharp;
using PerfGate.Core.Slope;
using PerfGate.Core.Statistics;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Models;
using PerfGate.Torch.Runtime;
using static TorchSharp.torch;

namespace PerfGate.Torch.Slope;

/// <summary>
/// Runs the talk's slope check: the MLP stack at 1, 2 and 4 layers, counted with the FLOP counter and timed,
/// then the two-point slopes per added layer.
/// </summary>
public static class SlopeRunner
{
    public static readonly int[] Depths = [1, 2, 4];

    public static SlopeReport Run(int batch, int threads, Device device, int iterations, Action<string>? progress = null)
    {
        var points = new List<SlopePoint>();
        foreach (var layers in Depths)
        {
            progress?.Invoke($"slope: mlp-stack-{layers}, batch {batch}");
            using var model = MlpStack.Create(layers);
            model.to(device).eval();
            using var input = randn([batch, .. MlpStack.InputShape], device: device);
            var counted = new FlopCounter().Count($"mlp-stack-{layers}", model, input).Totals;
            var seconds = ForwardTimer.Time(model, input, warmup: 2, iterations);
            points.Add(new SlopePoint(layers, counted.Params, counted.Flops / batch, counted.OtherFlops / batch, SampleStatistics.Of(seconds).Median));
        }
        return SlopeReport.Analyze("mlp-stack", batch, threads, SlopeExpectation.AffineRelu(MlpStack.Width), points);
    }

}
