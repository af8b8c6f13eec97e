using System.Diagnostics;
using PerfGate.Core;
using PerfGate.Core.Flops;
using PerfGate.Core.Measurements;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Workloads;
using TorchSharp;
using static TorchSharp.torch;

namespace PerfGate.Torch.Measuring;

/// <summary>
/// Measures inference throughput of one workload across batch sizes: FLOPs counted once from a real forward pass,
/// then per batch size the interleaved model/calibration loop within an even share of the remaining time budget.
/// On a GPU an out-of-memory batch becomes that batch's result and ends the curve.
/// </summary>
internal static class MeasurementEngine
{
    public static MeasurementResult Measure(
        Workload workload,
        MeasurePlan plan,
        SamplerSettings settings,
        Action<string>? progress = null
    ) => Measure(workload, plan, settings, MeasuringMachine.Probe(plan.Device, plan.Threads, workload.Assembly), progress);

    /// <summary>Measures on a host already probed (the gate probes once and measures several times).</summary>
    public static MeasurementResult Measure(
        Workload workload,
        MeasurePlan plan,
        SamplerSettings settings,
        MeasuringMachine machine,
        Action<string>? progress = null
    )
    {
        try
        {
            return MeasureModel(workload, plan, settings, machine, progress);
        }
        catch (Exception e) when (e is not PerfGateException and not OutOfMemoryException)
        {
            throw PerfGateException.ModelFailed(workload.Name, e);
        }
    }

    private static MeasurementResult MeasureModel(
        Workload workload,
        MeasurePlan plan,
        SamplerSettings settings,
        MeasuringMachine machine,
        Action<string>? progress
    )
    {
        var clock = Stopwatch.StartNew();
        var deadline = plan.DeadlineSeconds;
        double Left() => deadline - clock.Elapsed.TotalSeconds;
        TorchSettings.Apply(plan.Threads);
        var device = machine.Device;

        using var model = workload.Create();
        model.to(device).eval();
        using var calibration = new CalibrationKernel(device);
        var counted = CountPerImage(workload, model, device);
        var perImage = OneExample(model, workload, device); // estimates the first batch's pass, before it runs

        var capacity = Capacity(plan, device);
        var tooLarge = plan
            .Batches.Select(b =>
                capacity is { } c && counted.Memory.PeakAt(b, counted.Batch) is { } projected && projected > c.Bytes
                    ? c.TooLarge(b, projected)
                    : null
            )
            .ToArray();
        var pilots = Pilot(model, workload, plan.Batches, device, perImage, Left, tooLarge);
        var shares = BudgetSplit.EqualRounds(pilots.Select(p => p.Seconds ?? 0).ToArray(), settings.IterationSeconds, 1.0);
        var batches = new List<BatchResult>();
        for (var i = 0; i < plan.Batches.Count; i++)
        {
            var batch = plan.Batches[i];
            if (tooLarge[i] is { } reason)
            {
                batches.Add(BatchResult.OverBudget(batch, reason));
                progress?.Invoke($"{workload.Name}: batch {batch} {reason}");
                continue;
            }
            var remaining = plan.MaxSeconds - clock.Elapsed.TotalSeconds;
            var budget = Math.Max(remaining, 0) * shares[i] / Math.Max(shares.Skip(i).Sum(), 1e-9);
            if (pilots[i].Seconds is not { } once || 2 * once > Left())
            {
                var estimate = pilots[i].Seconds ?? pilots[i].Estimate;
                batches.Add(
                    BatchResult.OverBudget(
                        batch,
                        MeasureBudget.RoundDoesNotFit(estimate, Left(), clock.Elapsed.TotalSeconds, plan.MaxSeconds)
                    )
                );
                progress?.Invoke($"{workload.Name}: batch {batch} skipped: over the time budget");
                continue;
            }
            progress?.Invoke($"{workload.Name}: batch {batch} ({i + 1}/{plan.Batches.Count}), {Numbers.Fixed(budget, 1)} s");
            var result = MeasureBatch(model, workload, batch, device, calibration, budget, Left(), settings, counted, progress);
            batches.Add(result with { PeakMemory = MemoryOf(result, pilots[i].MemoryRise) });
            if (result.Error is not null)
                break; // a larger batch will not fit either
        }

        return new MeasurementResult(
            MeasurementResult.CurrentSchemaVersion,
            workload.Name,
            machine.Fingerprint,
            counted.Totals.Flops,
            counted.Totals.OtherFlops,
            counted.Totals.Params,
            counted.Layers,
            calibration.Name,
            batches,
            Flattening.Find(batches.Select(b => (b.Batch, b.ImagesPerSec))),
            machine.Build
        )
        {
            Input = counted.Input,
            Capacity = capacity,
        };
    }

    private static BatchResult MeasureBatch(
        nn.Module<Tensor, Tensor> model,
        Workload workload,
        int batch,
        Device device,
        CalibrationKernel calibration,
        double budget,
        double hardStop,
        SamplerSettings settings,
        FlopReport counted,
        Action<string>? progress
    )
    {
        try
        {
            using var input = workload.Input(batch, device);
            var profile = new List<ProfileRound>();
            var profiled = 0.0;
            void BetweenRounds(int round, double elapsed)
            {
                if (round % 10 == 0)
                    progress?.Invoke($"  batch {batch}: {round} rounds, {Numbers.Fixed(elapsed, 1)} s");
                // A profile round between throughput rounds, within its share of the time and never past the run's bound.
                var last = profile.Count > 0 ? profile[^1].ForwardSeconds : 0;
                if (!settings.ProfileDue(profiled, elapsed) || elapsed + 2 * last > hardStop)
                    return;
                var start = Stopwatch.GetTimestamp();
                profile.Add(LayerTimer.Round(model, input));
                profiled += Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            var rounds = InterleavedSampler.Run(
                () => ForwardTimer.Once(model, input),
                calibration.RunOnce,
                budget,
                settings,
                BetweenRounds,
                hardStop
            );
            if (rounds.Count == 0)
                return BatchResult.OverBudget(
                    batch,
                    "the time budget ran out before one round could run; give it more time (--max-seconds)."
                );
            var result = BatchSummary.From(
                batch,
                rounds,
                counted.Totals.AllFlops,
                calibration.FlopsPerCall,
                device.type == DeviceType.CUDA ? GpuQuery.UsedMemoryBytes() : null
            );
            if (profile.Count == 0)
                return result;
            var plain = Core.Statistics.SampleStatistics.Of(rounds.Select(r => r.ModelSeconds / r.ModelCalls).ToArray()).Median;
            var gemm = Core.Statistics.SampleStatistics.Of(result.CalibrationGflops).Median;
            return result with { Profile = LayerProfile.From(batch, profile, counted.Layers, gemm, plain) };
        }
        catch (Exception e) when (device.type == DeviceType.CUDA && e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase))
        {
            return BatchResult.Failed(batch, "out of memory");
        }
    }

    /// <summary>What the batch sizes must fit: --memory, else the GPU's memory or the CPU's available memory; null if unknown.</summary>
    private static MemoryCapacity? Capacity(MeasurePlan plan, Device device) =>
        plan.MemoryBytes is { } given ? new MemoryCapacity(given, MemoryCapacity.Given)
        : device.type == DeviceType.CUDA
            ? GpuQuery.TotalMemoryBytes() is { } total ? new MemoryCapacity(total, MemoryCapacity.GpuTotal)
                : null
        : ResidentMemory.Available() is { } available ? new MemoryCapacity(available, MemoryCapacity.CpuAvailable)
        : null;

    /// <summary>The memory a batch size took: on the CPU its pilot's peak rise, on a GPU the device memory in use after it ran.</summary>
    private static MeasuredMemory? MemoryOf(BatchResult result, long? rise) =>
        result.GpuMemoryBytes is { } used ? new MeasuredMemory(used, MeasuredMemory.GpuInUse)
        : rise is { } bytes && result.HasFigures ? new MeasuredMemory(bytes, MeasuredMemory.CpuPeakRise)
        : null;

    /// <summary>
    /// One forward pass per batch size (after one to warm up), to share the budget. On the CPU the first pass at each batch
    /// size is its memory pass: the peak it holds above what was resident before it (<see cref="ResidentMemory.PeakOf"/>),
    /// untimed, before the warm-up restores the steady heap's state. A batch whose three passes would not fit in what is left
    /// (estimated from the batch before it, or from the counted pass for the first) is not run here: null seconds. A batch that
    /// fails on a GPU is measured, and reported, below.
    /// </summary>
    private static (double? Seconds, double Estimate, long? MemoryRise)[] Pilot(
        nn.Module<Tensor, Tensor> model,
        Workload workload,
        IReadOnlyList<int> batches,
        Device device,
        double perImage,
        Func<double> left,
        string?[] tooLarge
    )
    {
        var pilots = new (double? Seconds, double Estimate, long? MemoryRise)[batches.Count];
        var (knownBatch, knownSeconds) = (1, perImage);
        for (var i = 0; i < batches.Count; i++)
        {
            var estimate = knownSeconds * batches[i] / knownBatch;
            if (3 * estimate > left() || tooLarge[i] is not null)
            {
                pilots[i] = (null, estimate, null);
                continue;
            }
            try
            {
                using var input = workload.Input(batches[i], device);
                var memory = ResidentMemory.PeakOf(device, () => ForwardTimer.Once(model, input));
                ForwardTimer.Once(model, input);
                var seconds = ForwardTimer.Time(model, input, warmup: 0, iterations: 1)[0];
                pilots[i] = (seconds, estimate, memory);
                (knownBatch, knownSeconds) = (batches[i], seconds);
            }
            catch (Exception) when (device.type == DeviceType.CUDA)
            {
                pilots[i] = (0.0, estimate, null);
            }
        }
        return pilots;
    }

    /// <summary>One timed forward pass at batch 1, after the counted one warmed the model up: an upper estimate per example.</summary>
    private static double OneExample(nn.Module<Tensor, Tensor> model, Workload workload, Device device)
    {
        using var input = workload.Input(1, device);
        return ForwardTimer.Time(model, input, warmup: 0, iterations: 1)[0];
    }

    /// <summary>Params and FLOPs per example, per layer, from one counted forward pass at batch 1.</summary>
    private static FlopReport CountPerImage(Workload workload, nn.Module<Tensor, Tensor> model, Device device)
    {
        using var input = workload.Input(1, device);
        return workload.Counter().Count(workload.Name, model, input);
    }
}
