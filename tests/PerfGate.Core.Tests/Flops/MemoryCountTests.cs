using PerfGate.Core.Baselines;
using PerfGate.Core.Flops;
using PerfGate.Core.Gate;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Flops;

/// <summary>The counted memory as a gated metric: exact, on the layer's line, with old and new bytes; not compared against a
/// baseline approved before it was counted.</summary>
public class MemoryCountTests
{
    private static LayerCount Layer(string name, long inputBytes, long outputBytes, long paramBytes) =>
        LayerCount.Counted(name, "Linear", [1, inputBytes / 4], [1, outputBytes / 4], paramBytes / 4, new LayerCost(1, 2, 0)) with
        {
            InputBytes = inputBytes,
            OutputBytes = outputBytes,
            ParamBytes = paramBytes,
        };

    [Fact]
    public void The_peak_is_the_largest_input_and_output_alive_together_and_the_largest_batch_follows()
    {
        var memory = MemoryCount.Of([Layer("a", 100, 400, 1000), Layer("b", 400, 50, 0), Layer("c", 50, 10, 24)]);

        Assert.Equal(1024, memory.ParamBytes);
        Assert.Equal(500, memory.PeakActivationBytes);
        Assert.Equal("a", memory.PeakLayer);
        Assert.Equal((10_000 - 1024) / 500, memory.LargestBatch(10_000, countedBatch: 1));
        Assert.Equal((10_000 - 1024) / 250, memory.LargestBatch(10_000, countedBatch: 2)); // counted at batch 2: 250 B per image
        Assert.Equal(0, memory.LargestBatch(1000, 1));
        Assert.Equal(1024 + 8 * 500, memory.PeakAt(8, 1));
    }

    [Theory]
    [InlineData("8GiB", 8L << 30)]
    [InlineData("512 MiB", 512L << 20)]
    [InlineData("16GB", 16_000_000_000L)]
    [InlineData("1000", 1000L)]
    public void Capacities_parse_with_their_units(string text, long bytes) => Assert.Equal(bytes, MemoryCount.ParseBytes(text, "--memory"));

    [Theory]
    [InlineData("eight")]
    [InlineData("-1GiB")]
    [InlineData("8XB")]
    public void A_bad_capacity_names_the_option(string text)
    {
        var e = Assert.Throws<PerfGateException>(() => MemoryCount.ParseBytes(text, "--memory"));
        Assert.Equal("PG0005", e.Code);
        Assert.Contains("--memory", e.Message);
    }

    [Fact]
    public void A_head_that_doubles_a_feature_map_fails_the_counted_gate_on_the_layers_line_with_its_bytes()
    {
        var approved = SyntheticResults.Result() with { Layers = [Layer("conv1", 768, 2048, 4000), Layer("fc1", 2048, 40, 1000)] };
        var doubled = approved with { Layers = [Layer("conv1", 768, 4096, 4000), Layer("fc1", 4096, 40, 1000)] };
        var text = BaselineJson.Write(CountsBaseline.From(approved));

        var findings = CountedComparer
            .Compare("tiny", CountedMetrics.From(approved), CountedMetrics.From(doubled), "counts.verified.json", text)
            .ToArray();

        var conv1 = Assert.Single(findings, f => f.Metric == "conv1");
        Assert.Contains("outputBytes 2,048 → 4,096 (+100.0%)", conv1.Message);
        Assert.Equal(CountedLines.Layer(text, "conv1"), conv1.Line);
        Assert.Contains("peakActivationBytes 2,816 → 4,864", Assert.Single(findings, f => f.Metric == "total").Message);
        Assert.All(findings, f => Assert.Equal(Verdict.Fail, f.Verdict));
    }

    [Fact]
    public void A_baseline_approved_before_memory_was_counted_is_not_compared_on_bytes()
    {
        var current = SyntheticResults.Result() with { Layers = [Layer("conv1", 768, 2048, 4000)] };
        var counted = CountedMetrics.From(current);
        var old = counted with
        {
            ParamBytes = null,
            PeakActivationBytes = null,
            Layers = counted.Layers.ToDictionary(l => l.Key, l => l.Value with { OutputBytes = null, ParamBytes = null }),
        };

        var finding = Assert.Single(CountedComparer.Compare("tiny", old, counted, null, null));

        Assert.Equal(FindingCodes.CountedUnchanged, finding.Code);
    }
}
