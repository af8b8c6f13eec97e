using PerfGate.Torch.Workloads;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Models;

/// <summary>TorchVision's resnet18 as a user declares it: measured memory against counted (tests/benchmarks/memory-spread.sh).</summary>
public sealed class ResNet18Workload : IPerfGateWorkload
{
    public string Name => "resnet18";

    public long[] InputShape => [3, 224, 224];

    public int[] Batches => [1, 8];

    public Module<Tensor, Tensor> Create() => torchvision.models.resnet18();
}

/// <summary>
/// A small CNN, and the same with its first feature map doubled (32 → 64 channels) and nothing else: the change a pull request
/// makes when FLOPs and throughput barely move on a big machine and memory runs out in production. Both gates see it: the
/// counted one exactly (MemoryGateTests), the measured one in tests/benchmarks/memory-spread.sh.
/// </summary>
public class FeatureMapCnnWorkload : IPerfGateWorkload
{
    protected virtual int FirstChannels => 32;

    public virtual string Name => "feature-cnn";

    public long[] InputShape => [3, 128, 128];

    public int[] Batches => [1, 16];

    public Module<Tensor, Tensor> Create() =>
        Sequential(
            ("conv1", Conv2d(3, FirstChannels, 3, padding: 1)),
            ("relu1", ReLU()),
            ("pool1", MaxPool2d(4)),
            ("conv2", Conv2d(FirstChannels, 32, 3, padding: 1)),
            ("relu2", ReLU()),
            ("pool2", AdaptiveAvgPool2d(1)),
            ("flatten", Flatten()),
            ("fc", Linear(32, 10))
        );
}

/// <summary><see cref="FeatureMapCnnWorkload"/> with conv1's output doubled.</summary>
public sealed class DoubledFeatureMapCnnWorkload : FeatureMapCnnWorkload
{
    protected override int FirstChannels => 64;

    public override string Name => "feature-cnn-doubled";
}
