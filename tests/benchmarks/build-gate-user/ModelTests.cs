using Xunit;
using static TorchSharp.torch;

namespace BenchUser;

public class ModelTests
{
    [Fact]
    public void The_model_classifies_into_ten_classes()
    {
        using var model = new UserCnn();
        using var output = model.call(randn(2, 3, 32, 32));
        Assert.Equal([2L, 10L], output.shape);
    }
}
