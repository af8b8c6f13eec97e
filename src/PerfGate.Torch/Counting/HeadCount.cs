using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace PerfGate.Torch.Counting;

/// <summary>
/// The number of heads of one of TorchSharp's native attention layers, which it does not expose: libtorch accepts a 3-D
/// attention mask only of the shape (batch × heads, queries, keys), so the layer is run once more, on zeros of the shapes that
/// ran, with a zero mask for each divisor of the embedding width, until one passes libtorch's shape check. libtorch 2.10's C++
/// attention then fails to add a 3-D mask it has accepted ("output with shape [B·H, L, S] doesn't match the broadcast shape
/// [1, B·H, L, S]"): that error, naming exactly the mask's shape, is taken as accepted too; a wrong head count fails the check
/// before it ("The size of tensor a … must match …"). Counting only (one extra call of the layer per divisor, after the
/// counted pass, no hooks on); null when no divisor is accepted (the layer is then unknown, never guessed).
/// </summary>
internal static class HeadCount
{
    /// <param name="run">Runs the layer with the given mask; throws (libtorch's shape check) when the mask is not its.</param>
    public static long? Probe(long embed, long batch, long queries, long keys, bool batched, Device device, Action<Tensor> run)
    {
        using var noGrad = no_grad();
        for (long heads = 1; heads <= embed; heads++)
        {
            if (embed % heads != 0)
                continue;
            using var scope = NewDisposeScope();
            var rows = batched ? batch * heads : heads;
            try
            {
                run(zeros([rows, queries, keys], device: device));
                return heads;
            }
            catch (ExternalException e)
                when (e.Message.Contains($"broadcast shape [1, {rows}, {queries}, {keys}]", StringComparison.Ordinal))
            {
                return heads; // past the shape check: the mask's shape is the layer's
            }
            catch (ExternalException) { } // another head count: libtorch refused the mask's shape
        }
        return null;
    }
}
