namespace PerfGate.Torch.Layers;

/// <summary>What follows a conv or affine layer; tf_cnn_benchmarks uses 'relu' by default and 'linear' for logits.</summary>
public enum Activation
{
    Relu,
    Linear,
}
