namespace PerfGate.Core.Flops;

/// <summary>
/// The input a model was counted on, as its workload made it: the shape with the batch dimension, and the element type
/// (TorchSharp's ScalarType name: Float32 for images, Int64 for token ids). Kept with the counts: a workload that starts
/// feeding other input is a change to the counted gate, not a silent one.
/// </summary>
public sealed record ModelInput(long[] Shape, string DataType)
{
    public override string ToString() => $"{Flops.Shape.Format(Shape)} {DataType}";

    public bool Same(ModelInput other) => Shape.SequenceEqual(other.Shape) && DataType == other.DataType;
}
