using System.Diagnostics;
using TorchSharp;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Workloads;
using static TorchSharp.torch;

namespace PerfGate.Torch.Diagnostics;

/// <summary>
/// Measures what PerfGate's own machinery costs next to a bare forward pass, alternating the two in the same
/// process so that machine noise hits both alike: counting FLOPs (hooks on every leaf) versus no hooks.
/// </summary>
public static class OverheadProbe
{
    public sealed record Result(string Model, int Batch, int Rounds, double PlainSecondsMedian, double CountedSecondsMedian)
    {
        /// <summary>Counted ÷ plain time; 1.00 means counting is free.</summary>
        public double CountingRatio => CountedSecondsMedian / PlainSecondsMedian;
    }

    public static Result Counting(Workload workload, int batch, int rounds, Device device, Action<string>? progress = null)
    {
        using var model = workload.Create();
        model.to(device).eval();
        using var input = workload.Input(batch, device);
        var counter = new FlopCounter();
        ForwardTimer.Once(model, input); // warm up both paths once
        counter.Count(workload.Name, model, input);

        var plain = new double[rounds];
        var counted = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            progress?.Invoke($"overhead: round {i + 1}/{rounds}");
            var start = Stopwatch.GetTimestamp();
            ForwardTimer.Once(model, input);
            plain[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;

            start = Stopwatch.GetTimestamp();
            counter.Count(workload.Name, model, input);
            DeviceSelector.Synchronize(device);
            counted[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return new Result(workload.Name, batch, rounds, Median(plain), Median(counted));
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
