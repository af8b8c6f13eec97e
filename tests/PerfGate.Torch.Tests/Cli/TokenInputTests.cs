using System.Text.Json;
using PerfGate.Core;

namespace PerfGate.Torch.Tests.Cli;

/// <summary>
/// A model fed token ids (issue "Models beyond CNNs"): its workload's own Input factory is what every command runs, so the
/// embedding sees int64 ids in range; Embedding and LayerNorm are counted, each against a hand count.
/// </summary>
public sealed class TokenInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-token-input").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string Assembly = typeof(TokenBagWorkload).Assembly.Location;

    [Fact]
    public void A_token_model_is_counted_by_hand_from_its_own_input()
    {
        var (code, output, err) = InProcessCli.Run("flops", "--assembly", Assembly, "--model", "token-bag", "--batch", "2", "--json");

        Assert.True(code == ExitCodes.Success, err);
        using var doc = JsonDocument.Parse(output);
        var layers = doc.RootElement.GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!);
        var embed = layers["embed"];
        Assert.Equal([2, 12], embed.GetProperty("inputShape").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal([2, 12, 16], embed.GetProperty("outputShape").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal(1000 * 16, embed.GetProperty("params").GetInt64());
        Assert.Equal(0, embed.GetProperty("flops").GetInt64()); // a gather of rows, no arithmetic
        Assert.Equal(2 * 12 * 8, embed.GetProperty("inputBytes").GetInt64()); // int64 ids: 8 bytes each
        // LayerNorm(16) with its affine scale and shift, fvcore's rule: 5 FLOPs per element of 2x12x16.
        var norm = layers["norm"];
        Assert.Equal(2 * 12 * 16 * 5, norm.GetProperty("otherFlops").GetInt64() + norm.GetProperty("flops").GetInt64());
        Assert.Equal(16 + 16, norm.GetProperty("params").GetInt64());
        Assert.Equal(2 * 16 * 4, layers["fc"].GetProperty("macs").GetInt64());
        Assert.Empty(doc.RootElement.GetProperty("unknownLayers").EnumerateArray());
        var input = doc.RootElement.GetProperty("input"); // kept with the counts: token ids, not floats
        Assert.Equal("Int64", input.GetProperty("dataType").GetString());
        Assert.Equal([2, 12], input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        var (_, text, _) = InProcessCli.Run("flops", "--assembly", Assembly, "--model", "token-bag", "--batch", "2");
        Assert.Contains("token-bag, batch 2 (input [2x12] Int64):", text);
    }

    [Fact]
    public void A_token_model_is_measured_and_gated_counts_and_throughput()
    {
        var baselines = Directory.CreateDirectory(Path.Combine(_dir, "baselines")).FullName;

        var (code, output, err) = InProcessCli.Run(
            "check",
            "--assembly",
            Assembly,
            "--model",
            "token-bag",
            "--baselines",
            baselines,
            "--out",
            Path.Combine(_dir, "out"),
            "--max-seconds",
            "3"
        );

        Assert.True(code == ExitCodes.Success, err + output); // NEW: nothing to compare yet, the candidates are written
        Assert.DoesNotContain("index out of range", err);
        Assert.True(File.Exists(Path.Combine(baselines, "token-bag", "counts.received.json")), output);
        Assert.Contains("\"peakActivationBytes\"", File.ReadAllText(Path.Combine(baselines, "token-bag", "counts.received.json")));
    }

    [Theory]
    [InlineData("flops")]
    [InlineData("profile")]
    public void A_model_that_libtorch_refuses_is_the_models_failure_with_libtorchs_message(string command)
    {
        string[] budget = command == "profile" ? ["--max-seconds", "2"] : [];
        var (code, _, err) = InProcessCli.Run([command, "--assembly", Assembly, "--model", "float-fed-tokens", .. budget]);

        Assert.Equal(ExitCodes.MeasuredProcessFailed, code);
        Assert.Contains("error PG0004: the measured model 'float-fed-tokens' failed", err);
        Assert.Contains("indices", err); // libtorch's own words: an embedding takes integer indices
        Assert.DoesNotContain("PG0999", err);
    }
}
