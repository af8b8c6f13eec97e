using System.Diagnostics;
using PerfGate.Core.Statistics;
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

    public sealed record HarnessResult(string Model, int Batch, int Rounds, double BareImagesPerSec, double HarnessImagesPerSec)
    {
        /// <summary>Images/sec through PerfGate's measuring loop ÷ a bare TorchSharp loop; 1.00 means the harness costs nothing.</summary>
        public double Ratio => HarnessImagesPerSec / BareImagesPerSec;
    }

    /// <summary>
    /// Alternates windows of a bare TorchSharp loop (<c>using var y = model.call(x)</c>, nothing else) with windows of exactly
    /// the model iteration <c>perfgate measure</c> times (dispose scope and device synchronize per call).
    /// </summary>
    public static HarnessResult Harness(Workload workload, int batch, int rounds, Device device, Action<string>? progress = null)
    {
        using var model = workload.Create();
        model.to(device).eval();
        using var input = workload.Input(batch, device);
        using var _ = no_grad();
        ForwardTimer.Once(model, input);
        var calls = Math.Max(1, (int)Math.Round(0.1 / Seconds(() => ForwardTimer.Once(model, input))));

        var bare = new double[rounds];
        var harness = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            progress?.Invoke($"harness: round {i + 1}/{rounds}");
            double Bare() => calls * batch / Seconds(() =>
            {
                for (var c = 0; c < calls; c++)
                {
                    using var output = model.call(input);
                }
                DeviceSelector.Synchronize(device);
            });
            double Harnessed() => calls * batch / Seconds(() =>
            {
                for (var c = 0; c < calls; c++) ForwardTimer.Once(model, input);
            });
            // ABBA order, as the sampler does, so that neither side always runs first.
            if (i % 2 == 0) (bare[i], harness[i]) = (Bare(), Harnessed());
            else (harness[i], bare[i]) = (Harnessed(), Bare());
        }
        return new HarnessResult(workload.Name, batch, rounds, SampleStatistics.Of(bare).Median, SampleStatistics.Of(harness).Median);
    }

    private static double Seconds(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
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
        return new Result(workload.Name, batch, rounds, SampleStatistics.Of(plain).Median, SampleStatistics.Of(counted).Median);
    }

}
