using System.Diagnostics;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Workloads;

/// <summary>
/// A regression of known size, for the gate's own benchmarks: after each forward pass of the model, the CPU is kept busy for
/// <c>fraction</c> of the time that pass took. Done with a pre- and a post-forward hook on the model itself, not a wrapper
/// module, so that the counted layers keep their names and figures: only the time changes.
/// </summary>
internal static class InjectedSlowdown
{
    /// <summary>The same workload, slowed by <paramref name="fraction"/> (0.10 = every forward pass takes 10% longer).</summary>
    public static Workload Wrap(Workload workload, double fraction)
    {
        if (fraction < 0 || !double.IsFinite(fraction))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The slowdown must be a finite, non-negative fraction.");
        return fraction == 0 ? workload : workload with { Create = () => Slow(workload.Create(), fraction) };
    }

    private static Module<Tensor, Tensor> Slow(Module<Tensor, Tensor> model, double fraction)
    {
        var start = 0L;
        model.register_forward_pre_hook(
            (_, input) =>
            {
                start = Stopwatch.GetTimestamp();
                return input;
            }
        );
        model.register_forward_hook(
            (_, _, output) =>
            {
                var spinUntil = start + (long)((Stopwatch.GetTimestamp() - start) * (1 + fraction));
                while (Stopwatch.GetTimestamp() < spinUntil)
                    Thread.SpinWait(20);
                return output;
            }
        );
        return model;
    }
}
