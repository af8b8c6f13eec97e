using System.Diagnostics;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Workloads;

/// <summary>
/// Wraps a model and, after each forward pass, keeps the CPU busy for <see cref="Fraction"/> of the time that pass took:
/// a regression of known size for the gate's own benchmarks. The FLOP count is unchanged (the wrapped layers are the leaves).
/// </summary>
public sealed class SlowedModule : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> inner;

    public SlowedModule(Module<Tensor, Tensor> inner, double fraction) : base(nameof(SlowedModule))
    {
        if (fraction < 0) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The slowdown must not be negative.");
        this.inner = inner;
        Fraction = fraction;
        RegisterComponents();
    }

    public double Fraction { get; }

    public override Tensor forward(Tensor input)
    {
        var start = Stopwatch.GetTimestamp();
        var output = inner.call(input);
        var spinUntil = start + (long)((Stopwatch.GetTimestamp() - start) * (1 + Fraction));
        while (Stopwatch.GetTimestamp() < spinUntil) Thread.SpinWait(20);
        return output;
    }

    /// <summary>The same workload, slowed by <paramref name="fraction"/> (0.10 = every forward pass takes 10% longer).</summary>
    public static Workload Wrap(Workload workload, double fraction) =>
        fraction == 0 ? workload : workload with { Create = () => new SlowedModule(workload.Create(), fraction) };
}
