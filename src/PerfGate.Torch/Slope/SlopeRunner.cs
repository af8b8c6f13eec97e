using PerfGate.Core;
using PerfGate.Core.Measurements;
using PerfGate.Core.Slope;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Models;
using PerfGate.Torch.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace PerfGate.Torch.Slope;

/// <summary>
/// Runs the talk's slope check: the MLP stack at 1, 2 and 4 layers, counted with the FLOP counter, then timed in inference
/// mode by the interleaved sampler (one iteration of every depth per round, order reversed every other round), so that the
/// time per added layer is a difference taken within a round, not between runs minutes apart.
/// </summary>
internal static class SlopeRunner
{
    public static readonly int[] Depths = [1, 2, 4];

    public static SlopeReport Run(int batch, int threads, Device device, double budgetSeconds, Action<string>? progress = null)
    {
        var models = Depths.Select(layers => MlpStack.Create(layers)).ToArray();
        using var input = randn([batch, .. MlpStack.InputShape], device: device);
        try
        {
            var counted = models
                .Select(
                    (model, i) =>
                    {
                        model.to(device).eval();
                        return new FlopCounter().Count($"mlp-stack-{Depths[i]}", model, input).Totals;
                    }
                )
                .ToArray();

            progress?.Invoke(
                $"slope: {string.Join(", ", Depths.Select(d => $"mlp-stack-{d}"))} at batch {batch}, interleaved for "
                    + $"{Numbers.Fixed(budgetSeconds, 0)} s"
            );
            var rounds = InterleavedSampler.RunAll(
                models.Select(m => (Action)(() => ForwardTimer.Once(m, input))).ToArray(),
                budgetSeconds,
                new SamplerSettings(MinRounds: 10),
                (round, elapsed) =>
                {
                    if (round % 10 == 0)
                        progress?.Invoke($"  {round} rounds, {Numbers.Fixed(elapsed, 1)} s");
                }
            );

            var points = Depths
                .Select(
                    (layers, i) =>
                        new SlopePoint(
                            layers,
                            counted[i].Params,
                            counted[i].Flops / batch,
                            counted[i].OtherFlops / batch,
                            rounds.Select(r => r.SecondsPerCall(i)).ToArray()
                        )
                )
                .ToArray();
            return SlopeReport.Analyze("mlp-stack", batch, threads, SlopeExpectation.AffineRelu(MlpStack.Width), points);
        }
        finally
        {
            foreach (var model in models)
                model.Dispose();
        }
    }
}
