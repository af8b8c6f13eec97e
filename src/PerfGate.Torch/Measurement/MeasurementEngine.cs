using PerfGate.Core.Reports;
using PerfGate.Core;
using PerfGate.Core.Flops;
using PerfGate.Core.Measurements;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Workloads;
using TorchSharp;
using static TorchSharp.torch;

namespace PerfGate.Torch.Measurement;

/// <summary>
/// Measures inference throughput of one workload across batch sizes: FLOPs counted once from a real forward pass,
/// then per batch size the interleaved model/calibration loop within an even share of the remaining time budget.
/// On a GPU an out-of-memory batch becomes that batch's result and ends the curve.
/// </summary>
public static class MeasurementEngine
{
    public static MeasurementResult Measure(Workload workload, MeasurePlan plan, SamplerSettings settings, Action<string>? progress = null) =>
        Measure(workload, plan, settings, MeasuringHost.Probe(plan.Device, plan.Threads, workload.Assembly), progress);

    /// <summary>Measures on a host already probed (the gate probes once and measures several times).</summary>
    public static MeasurementResult Measure(Workload workload, MeasurePlan plan, SamplerSettings settings, MeasuringHost host, Action<string>? progress = null)
    {
        try
        {
            return MeasureModel(workload, plan, settings, host, progress);
        }
        catch (Exception e) when (e is not PerfGateException and not OutOfMemoryException)
        {
            throw PerfGateException.ModelFailed(workload.Name, e);
        }
    }

    private static MeasurementResult MeasureModel(Workload workload, MeasurePlan plan, SamplerSettings settings, MeasuringHost host, Action<string>? progress)
    {
        var started = DateTime.UtcNow;
        TorchSettings.Apply(plan.Threads);
        var device = host.Device;
        var fingerprint = host.Fingerprint;

        using var model = workload.Create();
        model.to(device).eval();
        var counted = CountPerImage(workload, model, device);
        using var calibration = new CalibrationKernel(device);

        var shares = BudgetSplit.EqualRounds(Pilot(model, workload, plan.Batches, device), settings.IterationSeconds, 1.0);
        var batches = new List<BatchResult>();
        for (var i = 0; i < plan.Batches.Count; i++)
        {
            var batch = plan.Batches[i];
            var remaining = plan.MaxSeconds - (DateTime.UtcNow - started).TotalSeconds;
            var budget = Math.Max(remaining, 0) * shares[i] / shares.Skip(i).Sum();
            progress?.Invoke($"{workload.Name}: batch {batch} ({i + 1}/{plan.Batches.Count}), {Numbers.Fixed(budget, 1)} s");
            var result = MeasureBatch(model, workload, batch, device, calibration, budget, settings, counted.Totals.AllFlops, progress);
            batches.Add(result);
            if (result.Error is not null) break; // a larger batch will not fit either
        }

        return new MeasurementResult(MeasurementResult.CurrentSchemaVersion, workload.Name, fingerprint,
            counted.Totals.Flops, counted.Totals.OtherFlops, counted.Totals.Params, counted.Layers, calibration.Name, batches,
            Flattening.Find(batches.Select(b => (b.Batch, b.ImagesPerSec))), host.Build);
    }

    private static BatchResult MeasureBatch(nn.Module<Tensor, Tensor> model, Workload workload, int batch, Device device,
        CalibrationKernel calibration, double budget, SamplerSettings settings, long flopsPerImage, Action<string>? progress)
    {
        try
        {
            using var input = workload.Input(batch, device);
            var rounds = InterleavedSampler.Run(() => ForwardTimer.Once(model, input), calibration.RunOnce, budget, settings,
                (round, elapsed) => { if (round % 10 == 0) progress?.Invoke($"  batch {batch}: {round} rounds, {Numbers.Fixed(elapsed, 1)} s"); });
            return BatchSummary.From(batch, rounds, flopsPerImage, calibration.FlopsPerCall,
                device.type == DeviceType.CUDA ? GpuQuery.UsedMemoryBytes() : null);
        }
        catch (Exception e) when (device.type == DeviceType.CUDA && e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase))
        {
            return BatchResult.Failed(batch, "out of memory");
        }
    }

    /// <summary>One forward pass per batch size (after one to warm up), to share the budget; a batch that fails here is measured, and reported, below.</summary>
    private static double[] Pilot(nn.Module<Tensor, Tensor> model, Workload workload, IReadOnlyList<int> batches, Device device) =>
        batches.Select(batch =>
        {
            try
            {
                using var input = workload.Input(batch, device);
                ForwardTimer.Once(model, input);
                return ForwardTimer.Time(model, input, warmup: 0, iterations: 1)[0];
            }
            catch (Exception) when (device.type == DeviceType.CUDA)
            {
                return 0.0;
            }
        }).ToArray();

    /// <summary>Params and FLOPs per example, per layer, from one counted forward pass at batch 1.</summary>
    private static FlopReport CountPerImage(Workload workload, nn.Module<Tensor, Tensor> model, Device device)
    {
        using var input = workload.Input(1, device);
        return workload.Counter().Count(workload.Name, model, input);
    }
}
