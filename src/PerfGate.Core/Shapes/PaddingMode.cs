namespace PerfGate.Core.Shapes;

/// <summary>TensorFlow's two padding modes, as tf_cnn_benchmarks' layer builder passes them.</summary>
public enum PaddingMode
{
    /// <summary>Output size ceil(in / stride); zeros (or -inf for max pooling) added, the extra one at the end.</summary>
    Same,

    /// <summary>No padding; output size ceil((in - kernel + 1) / stride).</summary>
    Valid,
}
