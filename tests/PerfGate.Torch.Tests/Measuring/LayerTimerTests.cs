using PerfGate.Core.Measurements;
using PerfGate.Torch.Measuring;
using PerfGate.Torch.Workloads;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Measuring;

/// <summary>The per-layer profile on real models: its rows, its hooks gone after each pass, and a parent's own arithmetic as "outside
/// layers".</summary>
public class LayerTimerTests
{
    /// <summary>Two small layers, and in the parent's own forward a large matrix product no leaf layer runs (as a residual add would
    /// be).</summary>
    private sealed class HeavyParent : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> fc1 = Linear(64, 64);
        private readonly Module<Tensor, Tensor> fc2 = Linear(64, 10);
        private readonly Tensor square = randn(512, 512);
        private readonly bool heavy;

        public HeavyParent(bool heavy)
            : base(nameof(HeavyParent))
        {
            this.heavy = heavy;
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var hidden = fc1.call(x);
            if (heavy)
                for (var i = 0; i < 8; i++)
                    hidden = hidden + square.mm(square).sum() * 0;
            return fc2.call(hidden);
        }
    }

    private static LayerProfile Profile(bool heavy)
    {
        var workload = new Workload("parent", "fc1, fc2 and the parent's own matmuls", [64], () => new HeavyParent(heavy));
        var result = MeasurementEngine.Measure(
            workload,
            new MeasurePlan([2], "cpu", 1, MaxSeconds: 3).Validate(),
            new SamplerSettings(IterationSeconds: 0.02, ProfileShare: 0.5)
        );
        return result.Batches.Single().Profile!;
    }

    [Fact]
    public void The_profile_has_a_row_per_leaf_layer_and_one_outside_them()
    {
        var profile = Profile(heavy: false);

        Assert.Equal(["fc1", "fc2", LayerProfile.OutsideLayers], profile.Layers.Select(l => l.Layer));
        Assert.Equal(1.0, profile.Layers.Sum(l => l.Share), 9);
        Assert.True(profile.Rounds >= 2, $"{profile.Rounds} profile rounds");
        Assert.All(profile.Layers.Take(2), l => Assert.True(l.AchievedGflops > 0));
    }

    [Fact]
    public void Arithmetic_in_a_parents_forward_shows_as_time_outside_the_layers()
    {
        // Eight 512×512 matrix products (~2 GFLOP) against two tiny layers: a large effect, not a speed figure.
        var profile = Profile(heavy: true);

        var outside = profile.Layers.Single(l => l.Layer == LayerProfile.OutsideLayers);
        Assert.True(outside.Share > 0.9, $"outside layers: {outside.Share:P1}");
    }

    [Fact]
    public void The_hooks_are_taken_off_after_each_profiled_pass()
    {
        using var model = new HeavyParent(heavy: false);
        using var input = randn(2, 64);

        var round = LayerTimer.Once(model, input);
        Assert.Equal(["fc1", "fc2"], round.LayerSeconds.Keys.Order());
        Assert.True(round.ForwardSeconds >= round.LayerSeconds.Values.Sum());

        // The round's figures are what its hooks wrote; hooks left on would go on adding to them in plain passes.
        var profiled = round.LayerSeconds.ToDictionary();
        for (var i = 0; i < 3; i++)
            PerfGate.Torch.Runtime.ForwardTimer.Once(model, input);
        Assert.Equal(profiled, round.LayerSeconds);
    }
}
