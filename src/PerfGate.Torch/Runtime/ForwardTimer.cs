using System.Diagnostics;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Runtime;

/// <summary>
/// Times inference forward passes, as tf_cnn_benchmarks' inference tables do: every call runs under
/// <c>torch.inference_mode()</c> (no autograd graph is recorded, although the parameters require grad), with a dispose scope
/// per call and a device synchronize before the timer is read, so that GPU work is inside the interval it belongs to.
/// Every timed loop in PerfGate (measure, pilot, confirmation, slope, overhead) goes through <see cref="Once"/>.
/// </summary>
internal static class ForwardTimer
{
    /// <summary>Seconds taken by each of <paramref name="iterations"/> timed forward passes, after <paramref name="warmup"/> untimed
    /// ones.</summary>
    public static double[] Time(Module<Tensor, Tensor> model, Tensor input, int warmup, int iterations)
    {
        model.eval();
        for (var i = 0; i < warmup; i++)
            Once(model, input);

        var seconds = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Once(model, input);
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return seconds;
    }

    /// <summary>One inference forward pass, synchronized, with its temporaries released at once.</summary>
    public static void Once(Module<Tensor, Tensor> model, Tensor input)
    {
        // The guard is a thread-local flag in libtorch: setting it costs next to nothing beside a forward pass.
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        model.call(input);
        DeviceSelector.Synchronize(input.device);
    }
}
