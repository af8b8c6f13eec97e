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
    public static TheoryData<string, long, double, double> Published =>
        new()
        {
            { "resnet18", 11_689_512, 1.814, 0.0005 },
            { "resnet50", 25_557_032, 4.089, 0.0005 },
            { "vgg16", 138_357_544, 15.47, 0.005 },
            { "mobilenet_v2", 3_504_872, 0.301, 0.0005 },
        };

    private static nn.Module<Tensor, Tensor> Create(string name) =>
        name switch
        {
            "resnet18" => torchvision.models.resnet18(),
            "resnet50" => torchvision.models.resnet50(),
            "vgg16" => torchvision.models.vgg16(),
            "mobilenet_v2" => torchvision.models.mobilenet_v2(),
            "mobilenet_v3_small" => torchvision.models.mobilenet_v3_small(),
            "mobilenet_v3_large" => torchvision.models.mobilenet_v3_large(),
            "googlenet" => torchvision.models.googlenet(),
            "inception_v3" => torchvision.models.inception_v3(),
            "resnext50_32x4d" => torchvision.models.resnext50_32x4d(),
            "vgg16_bn" => torchvision.models.vgg16_bn(),
            "alexnet" => torchvision.models.alexnet(),
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

    /// <summary>The other classifiers TorchVision ships: every layer they run has a rule (nothing unknown), and every parameter is counted
    /// once.</summary>
    [Theory]
    [InlineData("mobilenet_v3_small", 224)]
    [InlineData("mobilenet_v3_large", 224)]
    [InlineData("googlenet", 224)]
    [InlineData("inception_v3", 299)]
    [InlineData("resnext50_32x4d", 224)]
    [InlineData("vgg16_bn", 224)]
    [InlineData("alexnet", 224)]
    public void Every_layer_of_the_other_torchvision_classifiers_is_counted(string name, int size)
    {
        using var model = Create(name);
        model.eval();
        using var input = randn(1, 3, size, size);

        var report = new FlopCounter().Count(name, model, input);

        Assert.Empty(report.Layers.Where(l => l.Flops is null).Select(l => $"{l.Name} ({l.Kind})"));
        // Every parameter the model holds once, except those of layers its forward never runs (googlenet's and
        // inception_v3's auxiliary classifiers are not run in eval mode): counted params are what ran.
        var ran = report.Layers.Select(l => l.Name).ToHashSet();
        var heldByLayersThatRan = model
            .named_modules()
            .Where(m => !m.module.children().Any() && ran.Contains(m.name))
            .Sum(m => m.module.parameters().Sum(p => p.numel()));
        Assert.Equal(heldByLayersThatRan, report.Layers.Sum(l => l.Params));
        Assert.True(report.Totals.Flops > 0);
    }
}
