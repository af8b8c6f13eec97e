using System.Diagnostics;
using PerfGate.Core.Statistics;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Measuring;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Workloads;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Overhead;

/// <summary>
/// Measures what PerfGate's own machinery costs next to a bare forward pass, alternating the two in the same
/// process so that machine noise hits both alike: counting FLOPs (hooks on every leaf) versus no hooks.
/// </summary>
internal static class OverheadProbe
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
    /// Alternates windows of a bare TorchSharp inference loop (<c>using var y = model.call(x)</c> under one
    /// <c>inference_mode</c> guard, nothing else) with windows of exactly the model iteration the sampler times
    /// (<see cref="ForwardTimer.Once"/>: a guard, a dispose scope and a device synchronize per call).
    /// </summary>
    public static HarnessResult Harness(Workload workload, int batch, int rounds, Device device, Action<string>? progress = null)
    {
        var (bare, harness) = Alternate(
            workload,
            batch,
            rounds,
            device,
            progress,
            "harness",
            (model, input) =>
            {
                using var inference = inference_mode();
                using var output = model.call(input);
                DeviceSelector.Synchronize(device);
            },
            ForwardTimer.Once
        );
        return new HarnessResult(workload.Name, batch, rounds, bare, harness);
    }

    /// <summary>
    /// What inference mode is worth: the timed model iteration as it was before PerfGate disabled autograd (the forward pass
    /// records a graph because the parameters require grad) against the iteration it times now, alternated.
    /// </summary>
    public static InferenceResult Inference(Workload workload, int batch, int rounds, Device device, Action<string>? progress = null)
    {
        var (autograd, inference) = Alternate(
            workload,
            batch,
            rounds,
            device,
            progress,
            "inference",
            (model, input) =>
            {
                using var scope = NewDisposeScope();
                model.call(input);
                DeviceSelector.Synchronize(device);
            },
            ForwardTimer.Once
        );
        return new InferenceResult(workload.Name, batch, rounds, autograd, inference);
    }

    public sealed record InferenceResult(string Model, int Batch, int Rounds, double AutogradImagesPerSec, double InferenceImagesPerSec)
    {
        /// <summary>Images/sec in inference mode ÷ with autograd recording.</summary>
        public double Ratio => InferenceImagesPerSec / AutogradImagesPerSec;
    }

    /// <summary>Windows of about 0.1 s of each loop, in ABBA order as the sampler does; the median images/sec of each.</summary>
    private static (double First, double Second) Alternate(
        Workload workload,
        int batch,
        int rounds,
        Device device,
        Action<string>? progress,
        string what,
        Action<Module<Tensor, Tensor>, Tensor> first,
        Action<Module<Tensor, Tensor>, Tensor> second
    )
    {
        using var model = workload.Create();
        model.to(device).eval();
        using var input = workload.Input(batch, device);
        first(model, input);
        second(model, input);
        var calls = Math.Max(1, (int)Math.Round(0.1 / Seconds(() => second(model, input))));

        var a = new double[rounds];
        var b = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            progress?.Invoke($"{what}: round {i + 1}/{rounds}");
            double Window(Action<Module<Tensor, Tensor>, Tensor> loop) =>
                calls
                * batch
                / Seconds(() =>
                {
                    for (var c = 0; c < calls; c++)
                        loop(model, input);
                });
            if (i % 2 == 0)
                (a[i], b[i]) = (Window(first), Window(second));
            else
                (b[i], a[i]) = (Window(second), Window(first));
        }
        return (SampleStatistics.Of(a).Median, SampleStatistics.Of(b).Median);
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

    /// <param name="AfterProfileSeconds">A plain timed pass right after a profiled pass, nothing between.</param>
    /// <param name="AfterRoundSeconds">A plain timed pass after a profile round as the loops run it (<see cref="LayerTimer.Round"/>: the
    /// profiled pass, then one plain pass).</param>
    /// <param name="AfterPlainSeconds">A plain timed pass right after two plain passes, as a throughput round after another.</param>
    /// <param name="ProfiledSeconds">The profiled pass itself, timers and hooks included.</param>
    public sealed record ProfilingResult(
        string Model,
        int Batch,
        int Rounds,
        double AfterProfileSeconds,
        double AfterRoundSeconds,
        double AfterPlainSeconds,
        double ProfiledSeconds
    )
    {
        /// <summary>A plain pass right after a profiled pass ÷ after plain passes.</summary>
        public double AfterProfileRatio => AfterProfileSeconds / AfterPlainSeconds;

        /// <summary>A plain pass after a profile round as the loops run it ÷ after plain passes: 1.00 when profile rounds leave the
        /// throughput rounds alone.</summary>
        public double Perturbation => AfterRoundSeconds / AfterPlainSeconds;

        /// <summary>The profiled pass ÷ a plain pass: what the hooks and timers cost inside a profile round.</summary>
        public double ProfileCost => ProfiledSeconds / AfterPlainSeconds;
    }

    /// <summary>
    /// Whether profile rounds touch the throughput rounds beside them, in one process (so no process offset enters): each
    /// round times a plain pass right after a profiled pass, one after a profile round as the loops run it, and one after
    /// plain passes, the three in an order that turns with each round.
    /// </summary>
    public static ProfilingResult Profiling(Workload workload, int batch, int rounds, Device device, Action<string>? progress = null)
    {
        using var model = workload.Create();
        model.to(device).eval();
        using var input = workload.Input(batch, device);
        LayerTimer.Once(model, input); // warm up both paths once
        ForwardTimer.Once(model, input);

        var (afterProfile, afterRound, afterPlain, profiled) = (
            new double[rounds],
            new double[rounds],
            new double[rounds],
            new double[rounds]
        );
        for (var i = 0; i < rounds; i++)
        {
            progress?.Invoke($"profiling: round {i + 1}/{rounds}");
            var round = i;
            Action[] arms =
            [
                () =>
                {
                    profiled[round] = LayerTimer.Once(model, input).ForwardSeconds;
                    afterProfile[round] = Seconds(() => ForwardTimer.Once(model, input));
                },
                () =>
                {
                    LayerTimer.Round(model, input);
                    afterRound[round] = Seconds(() => ForwardTimer.Once(model, input));
                },
                () =>
                {
                    ForwardTimer.Once(model, input);
                    ForwardTimer.Once(model, input);
                    afterPlain[round] = Seconds(() => ForwardTimer.Once(model, input));
                },
            ];
            for (var k = 0; k < arms.Length; k++)
                arms[(i + (i % 2 == 0 ? k : arms.Length - k)) % arms.Length]();
        }
        return new ProfilingResult(
            workload.Name,
            batch,
            rounds,
            SampleStatistics.Of(afterProfile).Median,
            SampleStatistics.Of(afterRound).Median,
            SampleStatistics.Of(afterPlain).Median,
            SampleStatistics.Of(profiled).Median
        );
    }
}
