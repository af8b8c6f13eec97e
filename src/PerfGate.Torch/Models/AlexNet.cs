using PerfGate.Core.Shapes;
using PerfGate.Torch.Layers;
using TorchSharp.Modules;

namespace PerfGate.Torch.Models;

/// <summary>
/// AlexNet exactly as tf_cnn_benchmarks defines it (models/alexnet_model.py), input 3×227×227 (224 + 3, because
/// the first 'VALID' convolution needs the extra 3 pixels). A definition only: no timing, no I/O.
/// </summary>
public static class AlexNet
{
    public const long ImageSize = 224 + 3;
    public const int DefaultClasses = 1000;

    public static long[] InputShape => [3, ImageSize, ImageSize];

    /// <param name="classes">Classifier width; tf_cnn_benchmarks itself uses 1001 ImageNet classes.</param>
    public static Sequential Create(int classes = DefaultClasses)
    {
        if (classes <= 0)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "The class count must be positive.");
        return new CnnBuilder(3, ImageSize, ImageSize)
            .Conv(64, 11, 11, 4, 4, PaddingMode.Valid)
            .MPool(3, 3, 2, 2)
            .Conv(192, 5, 5)
            .MPool(3, 3, 2, 2)
            .Conv(384, 3, 3)
            .Conv(384, 3, 3)
            .Conv(256, 3, 3)
            .MPool(3, 3, 2, 2)
            .Reshape(256 * 6 * 6)
            .Affine(4096)
            .Dropout()
            .Affine(4096)
            .Dropout()
            .Affine(classes, Activation.Linear)
            .Build();
    }
}
