using PerfGate.Core.Measurements;
using TorchSharp;

namespace PerfGate.Torch.Runtime;

/// <summary>Fixes what makes runs comparable: intra-op thread count and random seed (recorded with every result), and a steady C
/// heap (<see cref="SteadyHeap"/>), so that no process pays page faults its twin does not; and libtorch's repeated warnings
/// collapsed (<see cref="NativeWarnings"/>).</summary>
internal static class TorchSettings
{
    public const long DefaultSeed = 20180101;

    public static void Apply(int threads, long seed = DefaultSeed)
    {
        if (threads <= 0)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "The thread count must be positive.");
        SteadyHeap.Hold();
        NativeWarnings.Collapse();
        torch.set_num_threads(threads);
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
            torch.cuda.manual_seed_all(seed);
    }

    public static string LibTorchVersion => torch.__version__;

    public static string TorchSharpVersion => typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
