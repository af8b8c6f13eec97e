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
    public static LayerCost Convolution(
        IReadOnlyList<long> outputShape,
        long inChannels,
        long groups,
        IReadOnlyList<long> kernel,
        bool hasBias
    )
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

    /// <summary>
    /// Adaptive average pooling, as average pooling with the windows PyTorch derives from the two sizes: output i of a
    /// dimension of input size I and output size O averages [floor(i·I/O), ceil((i+1)·I/O)). Its taps (adds and the divide)
    /// summed over every output; <paramref name="spatialDims"/> trailing dimensions are pooled.
    /// </summary>
    public static LayerCost AdaptiveAvgPool(IReadOnlyList<long> inputShape, IReadOnlyList<long> outputShape, int spatialDims) =>
        LayerCost.Other(AdaptiveTaps(inputShape, outputShape, spatialDims));

    /// <summary>Adaptive max pooling: taps − 1 comparisons per output, over the windows of <see cref="AdaptiveAvgPool"/>.</summary>
    public static LayerCost AdaptiveMaxPool(IReadOnlyList<long> inputShape, IReadOnlyList<long> outputShape, int spatialDims) =>
        LayerCost.Other(AdaptiveTaps(inputShape, outputShape, spatialDims) - Shape.Elements(outputShape));

    private static long AdaptiveTaps(IReadOnlyList<long> inputShape, IReadOnlyList<long> outputShape, int spatialDims)
    {
        if (inputShape.Count != outputShape.Count || inputShape.Count < spatialDims)
            throw new ArgumentException(
                $"adaptive pooling of {Shape.Format(inputShape)} into {Shape.Format(outputShape)} over {spatialDims} dimensions."
            );
        var leading = inputShape.Count - spatialDims;
        var taps = Shape.Product(outputShape.Take(leading).ToArray());
        for (var d = leading; d < inputShape.Count; d++)
        {
            long size = inputShape[d],
                outputs = outputShape[d],
                sum = 0;
            for (long i = 0; i < outputs; i++)
                sum += (i + 1) * size / outputs + ((i + 1) * size % outputs == 0 ? 0 : 1) - i * size / outputs;
            taps = checked(taps * sum);
        }
        return taps;
    }

    public static LayerCost Softmax(IReadOnlyList<long> outputShape) => Pointwise(outputShape, SoftmaxFlopsPerElement);

    /// <summary>How an embedding bag reduces its rows.</summary>
    public enum BagReduction
    {
        Sum,
        Mean,
        Max,
    }

    /// <summary>
    /// An embedding bag: <paramref name="ids"/> rows of <paramref name="width"/> gathered (no arithmetic) and reduced into
    /// <paramref name="bags"/>: (ids − bags) × width adds (sum, mean) or comparisons (max), and for mean a divide per output
    /// element; with per-sample weights (sum only) a multiply per gathered element.
    /// </summary>
    public static LayerCost EmbeddingBag(BagReduction reduction, long ids, long bags, long width, bool weighted) =>
        LayerCost.Other(
            checked(Math.Max(ids - bags, 0) * width + (reduction == BagReduction.Mean ? bags * width : 0) + (weighted ? ids * width : 0))
        );

    /// <summary>Dropout does nothing at inference; in training it scales each element by its mask.</summary>
    public static LayerCost Dropout(IReadOnlyList<long> outputShape, bool training) => training ? Pointwise(outputShape) : LayerCost.Zero;
}
