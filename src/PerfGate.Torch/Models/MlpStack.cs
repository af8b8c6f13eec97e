using PerfGate.Torch.Layers;
using TorchSharp.Modules;

namespace PerfGate.Torch.Models;

/// <summary>
/// The talk's slope-check workload: a 4096-wide input through N identical affine(4096) + ReLU layers.
/// Each added layer adds exactly 4096·4097 parameters and 2·4096·4096 FLOPs per example.
/// </summary>
public static class MlpStack
{
    public const long Width = 4096;

    public static long[] InputShape => [Width];

    public static Sequential Create(int layers)
    {
        if (layers <= 0)
            throw new ArgumentOutOfRangeException(nameof(layers), layers, "The layer count must be positive.");
        var builder = CnnBuilder.FromFeatures(Width);
        for (var i = 0; i < layers; i++)
            builder.Affine(Width);
        return builder.Build();
    }
}
