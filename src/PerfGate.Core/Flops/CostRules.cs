namespace PerfGate.Core.Flops;

/// <summary>
/// The counting convention, as pure arithmetic on the shapes a layer actually saw.
/// Every rule takes the observed output shape, so batch size, padding and stride come from what ran.
/// </summary>
public static class CostRules
{
    /// <summary>Per output element: max, subtract, exp, sum, divide.</summary>
    public const int SoftmaxFlopsPerElement = 5;

    /// <summary>Convolution: each output element is a dot product of (inChannels / groups) × kernel taps.</summary>
    public static LayerCost Convolution(IReadOnlyList<long> outputShape, long inChannels, long groups, IReadOnlyList<long> kernel, bool hasBias)
    {
        if (groups <= 0 || inChannels % groups != 0)
            throw new ArgumentException($"in_channels {inChannels} is not divisible by groups {groups}.");
        var outputs = Shape.Elements(outputShape);
        var macs = checked(outputs * (inChannels / groups) * Shape.Product(kernel));
        return LayerCost.FromMacs(macs, hasBias ? outputs : 0);
    }

    /// <summary>Affine / matmul: each output element is a dot product of length inFeatures.</summary>
    public static LayerCost Linear(IReadOnlyList<long> outputShape, long inFeatures, bool hasBias)
    {
        var outputs = Shape.Elements(outputShape);
        return LayerCost.FromMacs(checked(outputs * inFeatures), hasBias ? outputs : 0);
    }

    /// <summary>One operation per output element (ReLU and other pointwise activations).</summary>
    public static LayerCost Pointwise(IReadOnlyList<long> outputShape, long perElement = 1) =>
        LayerCost.Other(checked(Shape.Elements(outputShape) * perElement));

    /// <summary>Max pooling: kernel taps − 1 comparisons per output element.</summary>
    public static LayerCost MaxPool(IReadOnlyList<long> outputShape, IReadOnlyList<long> kernel) =>
        Pointwise(outputShape, Shape.Product(kernel) - 1);

    /// <summary>Average pooling: kernel taps − 1 adds and one divide per output element.</summary>
    public static LayerCost AvgPool(IReadOnlyList<long> outputShape, IReadOnlyList<long> kernel) =>
        Pointwise(outputShape, Shape.Product(kernel));

    public static LayerCost Softmax(IReadOnlyList<long> outputShape) => Pointwise(outputShape, SoftmaxFlopsPerElement);

    /// <summary>Dropout does nothing at inference; in training it scales each element by its mask.</summary>
    public static LayerCost Dropout(IReadOnlyList<long> outputShape, bool training) =>
        training ? Pointwise(outputShape) : LayerCost.Zero;
}
