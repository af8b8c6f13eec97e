using PerfGate.Core.Flops;
using PerfGate.Torch.Counting;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Counting;

public class FlopCounterTests
{
    /// <summary>A custom layer the counter cannot know: elementwise square.</summary>
    private sealed class Square() : Module<Tensor, Tensor>("Square")
    {
        public override Tensor forward(Tensor x) => x * x;
    }

    /// <summary>The same layer, declaring its own cost.</summary>
    private sealed class CountedSquare() : Module<Tensor, Tensor>("CountedSquare"), ICountsOwnFlops
    {
        public override Tensor forward(Tensor x) => x * x;

        public LayerCost CountFlops(IReadOnlyList<long> inputShape, IReadOnlyList<long> outputShape) =>
            LayerCost.Other(Shape.Elements(outputShape));
    }

    /// <summary>A user model with a shared block called twice and a parameterized custom layer.</summary>
    private sealed class Twice : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> block = Linear(8, 8);

        public Twice()
            : base(nameof(Twice)) => RegisterComponents();

        public override Tensor forward(Tensor x) => block.call(block.call(x));
    }

    /// <summary>A model with a head that eval never runs, as inception_v3's auxiliary classifier.</summary>
    private sealed class WithAuxiliary : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> main = Linear(8, 4);
        private readonly Module<Tensor, Tensor> aux = Linear(8, 16);

        public WithAuxiliary()
            : base(nameof(WithAuxiliary)) => RegisterComponents();

        public override Tensor forward(Tensor x) => training ? aux.call(x) : main.call(x);
    }

    [Fact]
    public void Parameters_of_layers_that_never_ran_are_listed_apart_with_their_total()
    {
        using var model = new WithAuxiliary();
        model.eval();
        using var input = ones(1, 8);

        var report = new FlopCounter().Count("aux", model, input);

        Assert.Equal(8 * 4 + 4, report.Totals.Params); // main only: 36
        var aux = Assert.Single(report.NeverRan);
        Assert.Equal("aux", aux.Name);
        Assert.Equal(8 * 16 + 16, aux.Params); // 144, by hand: weight 8x16, bias 16
        Assert.Equal(144, report.NeverRanParams);
        Assert.Contains(
            "not in the totals: 144 params of 1 layer(s) that did not run in this pass: aux (144)",
            Core.Text.FlopTableText.Render(report)
        );
    }

    [Fact]
    public void Strided_and_grouped_convolutions_count_from_the_shapes_that_ran()
    {
        // 8 -> 16 channels in 4 groups, 3x3, stride 2, padding 1 on 9x9: output (9 + 2 - 3) / 2 + 1 = 5.
        using var model = Sequential(("conv", Conv2d(8, 16, 3, stride: 2, padding: 1, groups: 4)));
        using var input = randn(3, 8, 9, 9);

        var conv = new FlopCounter().Count("grouped", model, input).Layers.Single();

        Assert.Equal([3, 16, 5, 5], conv.OutputShape);
        Assert.Equal(16 * (8 / 4) * 3 * 3 + 16, conv.Params);
        Assert.Equal(3L * 16 * 5 * 5 * (8 / 4) * 3 * 3, conv.Macs);
        Assert.Equal(3L * 16 * 5 * 5, conv.OtherFlops); // bias
    }

    [Fact]
    public void An_unknown_layer_is_reported_by_name_and_never_counted_as_zero()
    {
        using var model = Sequential(("fc", Linear(4, 6)), ("sq", new Square()));
        using var input = randn(2, 4);

        var report = new FlopCounter().Count("custom", model, input);

        var square = Assert.Single(report.Layers, l => l.Name == "sq");
        Assert.True(square.Unknown);
        Assert.Equal("Square", square.Kind);
        Assert.Null(square.Flops);
        Assert.Null(square.OtherFlops);
        Assert.Equal([2, 6], square.OutputShape);
        Assert.Equal(["sq (Square)"], report.UnknownLayers);
        Assert.Equal(2L * 6 * 4 * 2, report.Totals.Flops); // only the Linear
    }

    [Fact]
    public void A_custom_layer_can_declare_its_own_cost()
    {
        using var model = Sequential(("sq", new CountedSquare()));
        using var input = randn(2, 5);

        var layer = new FlopCounter().Count("custom", model, input).Layers.Single();

        Assert.False(layer.Unknown);
        Assert.Equal(10, layer.OtherFlops);
    }

    [Fact]
    public void A_rule_can_be_registered_for_a_layer_the_user_cannot_change()
    {
        using var model = Sequential(("sq", new Square()));
        using var input = randn(3, 7);

        var counter = new FlopCounter().Register<Square>((_, _, output) => LayerCost.Other(Shape.Elements(output)));
        var layer = counter.Count("custom", model, input).Layers.Single();

        Assert.Equal(21, layer.OtherFlops);
    }

    [Fact]
    public void A_layer_called_twice_is_counted_twice_and_its_weights_once()
    {
        using var model = new Twice();
        using var input = randn(4, 8);

        var report = new FlopCounter().Count("twice", model, input);

        Assert.Equal(["block", "block#2"], report.Layers.Select(l => l.Name));
        Assert.Equal(2L * 4 * 8 * 8, report.Totals.Macs);
        Assert.Equal(8 * 8 + 8, report.Totals.Params);
    }

    [Fact]
    public void Counting_leaves_no_hooks_behind()
    {
        using var model = Sequential(("fc", Linear(4, 4)));
        using var input = randn(1, 4);
        var counter = new FlopCounter();

        counter.Count("a", model, input);
        var second = counter.Count("a", model, input);

        Assert.Single(second.Layers); // a hook left from the first count would record the layer twice
    }

    [Fact]
    public void Dropout_costs_nothing_in_eval_and_one_per_element_in_training()
    {
        using var model = Sequential(("drop", Dropout(0.5)));
        using var input = randn(2, 10);

        model.eval();
        Assert.Equal(0, new FlopCounter().Count("d", model, input).Layers.Single().OtherFlops);
        model.train();
        Assert.Equal(20, new FlopCounter().Count("d", model, input).Layers.Single().OtherFlops);
    }
}
