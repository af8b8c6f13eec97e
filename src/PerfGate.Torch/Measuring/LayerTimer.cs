using System.Diagnostics;
using PerfGate.Core.Measurements;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Runtime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Measuring;

/// <summary>
/// A profile round: one forward pass with a timer around every leaf layer (a pre-hook starts it, a forward hook stops it),
/// the hooks put on for this pass only and taken off after it, so that throughput rounds never run with them. On a GPU each
/// hook synchronizes first, so a layer's time is its kernels' (in profile rounds only).
/// </summary>
internal static class LayerTimer
{
    /// <summary>
    /// A profile round as the measuring loops run it: the profiled pass, then one plain pass, untimed, so that the next
    /// throughput round starts as after any other pass (beside a busy neighbour a plain pass right after a profiled one once
    /// ran 4–10% slower in one process; on a quiet machine it did not: `perfgate overhead --profile`).
    /// </summary>
    public static ProfileRound Round(Module<Tensor, Tensor> model, Tensor input)
    {
        var round = Once(model, input);
        ForwardTimer.Once(model, input);
        return round;
    }

    public static ProfileRound Once(Module<Tensor, Tensor> model, Tensor input)
    {
        var device = input.device;
        var seconds = new Dictionary<string, double>();
        var started = new Dictionary<string, long>();
        var removers = new List<Action>();
        try
        {
            foreach (var (name, leaf) in ModuleLeaves.Of(model))
            {
                var remove = LeafHooks.Around(
                    leaf,
                    () =>
                    {
                        DeviceSelector.Synchronize(device);
                        started[name] = Stopwatch.GetTimestamp();
                    },
                    () =>
                    {
                        DeviceSelector.Synchronize(device);
                        seconds[name] = seconds.GetValueOrDefault(name) + Stopwatch.GetElapsedTime(started[name]).TotalSeconds;
                    }
                );
                if (remove is null)
                    continue;
                seconds[name] = 0;
                removers.Add(remove);
            }
            var start = Stopwatch.GetTimestamp();
            ForwardTimer.Once(model, input);
            return new ProfileRound(Stopwatch.GetElapsedTime(start).TotalSeconds, seconds);
        }
        finally
        {
            foreach (var remove in removers)
                remove();
        }
    }
}
