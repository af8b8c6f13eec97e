using PerfGate.Torch.Counting;
using TorchSharp;
using static TorchSharp.torch;

namespace PerfGate.Torch.Tests.Counting;

/// <summary>
/// TorchVision's classifiers, the models users run, counted at 3x224x224 and compared with torchvision's own published table
/// (docs: "Classification" model table, params and GFLOPS, where GFLOPS are multiply-adds of convolutions and linear layers):
/// figures from outside this code. Params must match exactly; conv+linear MACs to the table's rounding.
/// </summary>
public class TorchVisionCountTests
{
    /// <summary>Name, params, GFLOPS as published, and half a unit of the table's last digit (its rounding).</summary>
    public static TheoryData<string, long, double, double> Published => new()
    {
        { "resnet18", 11_689_512, 1.814, 0.0005 },
        { "resnet50", 25_557_032, 4.089, 0.0005 },
        { "vgg16", 138_357_544, 15.47, 0.005 },
        { "mobilenet_v2", 3_504_872, 0.301, 0.0005 },
    };

    private static nn.Module<Tensor, Tensor> Create(string name) => name switch
    {
        "resnet18" => torchvision.models.resnet18(),
        "resnet50" => torchvision.models.resnet50(),
        "vgg16" => torchvision.models.vgg16(),
        "mobilenet_v2" => torchvision.models.mobilenet_v2(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void A_torchvision_classifier_counts_as_torchvision_publishes_it(string name, long parameters, double gigaMacs, double rounding)
    {
        using var model = Create(name);
        model.eval();
        using var input = randn(1, 3, 224, 224);

        var report = new FlopCounter().Count(name, model, input);

        Assert.Empty(report.Layers.Where(l => l.Flops is null).Select(l => $"{l.Name} ({l.Kind})")); // nothing unknown
        Assert.Equal(parameters, report.Layers.Sum(l => l.Params));
        var convAndLinear = report.Layers.Where(l => l.Kind is "Conv2d" or "Linear").Sum(l => l.Macs ?? 0) / 1e9;
        Assert.InRange(convAndLinear, gigaMacs - rounding, gigaMacs + rounding);
    }
}
