using System.Reflection;
using System.Text.Json;
using PerfGate.Core;
using PerfGate.Core.Flops;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Running;
using PerfGate.Core.Serialization;
using PerfGate.Core.Slope;
using PerfGate.Torch.Measuring;
using PerfGate.Torch.Overhead;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Slope;
using PerfGate.Torch.Workloads;
using TorchSharp;

namespace PerfGate.Torch.Gate;

/// <summary>
/// Runs models in this process, on the TorchSharp and libtorch backend this process loaded: the repository's own command
/// line, and PerfGate.Host on a user's build output (which the installed tool asks through <c>HostRunner</c>).
/// </summary>
/// <param name="commit">The commit being measured, for the provenance of what it records (the host that starts it asks git).</param>
internal sealed class TorchRunner(string? commit = null) : IModelRunner
{
    /// <summary>The PerfGate version that measured, for provenance: PerfGate.Torch's, which the running project references.</summary>
    public static string Version { get; } =
        typeof(TorchRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public string? DefaultAssembly => null;

    public IReadOnlyList<ModelInfo> Models(string? assembly) => List(Discover(assembly));

    /// <summary>
    /// The rows of `perfgate models`: the declared workloads, then the built-ins. A declared model of a built-in's name is the one
    /// every command uses: it is listed once, saying so.
    /// </summary>
    public static IReadOnlyList<ModelInfo> List(IReadOnlyList<Workload> discovered)
    {
        static bool Shadows(Workload declared, Workload builtIn) =>
            string.Equals(declared.Name, builtIn.Name, StringComparison.OrdinalIgnoreCase);
        return discovered
            .Select(w => (w, BuiltInWorkloads.All.Any(b => Shadows(w, b)) ? "declared (replaces the built-in)" : "declared"))
            .Concat(BuiltInWorkloads.All.Where(b => !discovered.Any(d => Shadows(d, b))).Select(w => (w, "built in")))
            .Select(r => new ModelInfo(
                r.w.Name,
                r.Item2,
                string.Join("x", r.w.InputShape),
                string.Join(",", r.w.Batches ?? MeasurePlan.DefaultBatches),
                r.w.Description
            ))
            .ToArray();
    }

    public FlopReport Flops(string model, string? assembly, int batch)
    {
        var workload = BuiltInWorkloads.Find(model, Discover(assembly));
        TorchSettings.Apply(threads: 1);
        try
        {
            using var module = workload.Create();
            module.eval();
            using var input = workload.Input(batch, torch.CPU);
            return workload.Counter().Count(workload.Name, module, input);
        }
        catch (Exception e) when (e is not PerfGateException and not OutOfMemoryException)
        {
            // The user's model (or its input) failed, not PerfGate: PG0004 with the model's message, never PG0999.
            throw PerfGateException.ModelFailed(workload.Name, e);
        }
    }

    public MeasurementResult Measure(string model, string? assembly, MeasurePlan plan, SamplerSettings settings, Action<string> progress) =>
        MeasurementEngine.Measure(BuiltInWorkloads.Find(model, Discover(assembly)), plan.Validate(), settings, progress);

    public IReadOnlyList<ModelOutcome> Check(CheckRequest request, Action<string> progress) =>
        TorchGate.Check(request, Version, commit, progress);

    public IReadOnlyList<string> Snapshot(CheckRequest request, int runs, Action<string> progress) =>
        TorchGate.Snapshot(request, runs, Version, commit, progress);

    public SlopeReport Slope(int batch, int threads, string device, double seconds, Action<string> progress)
    {
        TorchSettings.Apply(threads);
        return SlopeRunner.Run(batch, threads, DeviceSelector.Resolve(device), seconds, progress);
    }

    public OverheadAnswer Overhead(OverheadCall call, Action<string> progress)
    {
        TorchSettings.Apply(call.Threads);
        var workload = BuiltInWorkloads.Find(call.Model, Discover(call.Assembly));
        var on = DeviceSelector.Resolve(call.Device);
        OverheadAnswer Answer<T>(T result, string text)
            where T : notnull =>
            new(
                JsonSerializer.SerializeToElement(result, PerfGateJson.Options),
                $"{workload.Name}, batch {call.Batch}, {call.Rounds} rounds: {text}"
            );
        switch (call.Kind)
        {
            case OverheadKind.Inference:
                var i = OverheadProbe.Inference(workload, call.Batch, call.Rounds, on, progress);
                return Answer(
                    i,
                    $"autograd on {Numbers.Fixed(i.AutogradImagesPerSec, 2)} images/s, inference mode "
                        + $"{Numbers.Fixed(i.InferenceImagesPerSec, 2)} images/s, ratio {Numbers.Fixed(i.Ratio, 3)}"
                );
            case OverheadKind.Harness:
                var h = OverheadProbe.Harness(workload, call.Batch, call.Rounds, on, progress);
                return Answer(
                    h,
                    $"bare loop {Numbers.Fixed(h.BareImagesPerSec, 2)} images/s, perfgate harness "
                        + $"{Numbers.Fixed(h.HarnessImagesPerSec, 2)} images/s, ratio {Numbers.Fixed(h.Ratio, 3)}"
                );
            case OverheadKind.Profiling:
                var p = OverheadProbe.Profiling(workload, call.Batch, call.Rounds, on, progress);
                return Answer(
                    p,
                    $"a plain pass right after a profiled pass {Numbers.Fixed(p.AfterProfileSeconds * 1e3, 3)} ms (ratio "
                        + $"{Numbers.Fixed(p.AfterProfileRatio, 3)}), "
                        + $"after a profile round as measured {Numbers.Fixed(p.AfterRoundSeconds * 1e3, 3)} ms (ratio "
                        + $"{Numbers.Fixed(p.Perturbation, 3)}), after plain passes {Numbers.Fixed(p.AfterPlainSeconds * 1e3, 3)} ms; "
                        + $"the profiled pass itself {Numbers.Fixed(p.ProfiledSeconds * 1e3, 3)} ms (ratio "
                        + $"{Numbers.Fixed(p.ProfileCost, 3)})"
                );
            default:
                var c = OverheadProbe.Counting(workload, call.Batch, call.Rounds, on, progress);
                return Answer(
                    c,
                    $"plain {Numbers.Fixed(c.PlainSecondsMedian * 1e3, 2)} ms, counted {Numbers.Fixed(c.CountedSecondsMedian * 1e3, 2)} "
                        + $"ms, ratio {Numbers.Fixed(c.CountingRatio, 3)}"
                );
        }
    }

    private static IReadOnlyList<Workload> Discover(string? assembly) => assembly is null ? [] : WorkloadDiscovery.FromAssembly(assembly);
}
