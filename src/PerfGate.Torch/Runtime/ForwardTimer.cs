using System.Diagnostics;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Runtime;

/// <summary>
/// Times inference forward passes: eval mode, no_grad, a dispose scope per iteration, and a device synchronize
/// before every timer read so that GPU work is inside the interval it belongs to.
/// </summary>
public static class ForwardTimer
{
    /// <summary>Seconds taken by each of <paramref name="iterations"/> timed forward passes, after <paramref name="warmup"/> untimed ones.</summary>
    public static double[] Time(Module<Tensor, Tensor> model, Tensor input, int warmup, int iterations)
    {
        model.eval();
        using var _ = no_grad();
        for (var i = 0; i < warmup; i++) Once(model, input);

        var seconds = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Once(model, input);
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return seconds;
    }

    /// <summary>One forward pass, synchronized, with its temporaries released at once.</summary>
    public static void Once(Module<Tensor, Tensor> model, Tensor input)
    {
        using var scope = NewDisposeScope();
        model.call(input);
        DeviceSelector.Synchronize(input.device);
    }
}
