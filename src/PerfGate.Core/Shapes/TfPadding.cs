namespace PerfGate.Core.Shapes;

/// <summary>
/// TensorFlow's output-size and padding rules for one spatial dimension
/// (tf.nn.conv2d / tf.nn.max_pool with 'SAME' or 'VALID').
/// </summary>
public static class TfPadding
{
    public static long OutputSize(long input, long kernel, long stride, PaddingMode mode)
    {
        Validate(input, kernel, stride);
        return mode switch
        {
            PaddingMode.Same => CeilDiv(input, stride),
            PaddingMode.Valid when input < kernel => throw new ArgumentException(
                $"'VALID' padding needs an input of at least the kernel size: input {input} < kernel {kernel}."
            ),
            PaddingMode.Valid => CeilDiv(input - kernel + 1, stride),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
    }

    /// <summary>Zeros added before and after the input; TensorFlow puts the odd one after.</summary>
    public static (long Before, long After) Padding(long input, long kernel, long stride, PaddingMode mode)
    {
        if (mode == PaddingMode.Valid)
        {
            Validate(input, kernel, stride);
            return (0, 0);
        }

        var output = OutputSize(input, kernel, stride, mode);
        var total = Math.Max((output - 1) * stride + kernel - input, 0);
        return (total / 2, total - total / 2);
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    private static void Validate(long input, long kernel, long stride)
    {
        if (input <= 0 || kernel <= 0 || stride <= 0)
            throw new ArgumentException($"input ({input}), kernel ({kernel}) and stride ({stride}) must be positive.");
    }
}
