using PerfGate.Core.Gate;
using PerfGate.Core.Text;

namespace PerfGate.Core.Tests.Gate;

public class ShardAndAnnotationTests
{
    [Fact]
    public void Shards_partition_the_models_whatever_their_order()
    {
        string[] models = ["vgg", "alexnet", "mlp-stack-4", "resnet", "tiny"];
        var shards = Enumerable.Range(1, 3).Select(k => new Shard(k, 3).Select(models.Reverse())).ToArray();

        Assert.Equal(models.Order(StringComparer.Ordinal), shards.SelectMany(s => s).Order(StringComparer.Ordinal));
        Assert.Equal(["alexnet", "tiny"], shards[0]);
        Assert.Equal(shards[0], new Shard(1, 3).Select(models));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void A_bad_shard_is_a_usage_error(string text) =>
        Assert.Equal("PG0005", Assert.Throws<PerfGateException>(() => Shard.Parse(text)).Code);

    [Fact]
    public void Findings_become_annotations_on_the_baseline_file_and_line()
    {
        var findings = new[]
        {
            new Finding(
                "PG1001",
                Verdict.Fail,
                "alexnet",
                "conv2: flops",
                1,
                2,
                1,
                0,
                null,
                "conv2: flops 447,897,600 → 597,196,800 (+33.3%)",
                "/repo/baselines/alexnet/cpu.verified.json",
                42
            ),
            new Finding(
                "PG1003",
                Verdict.Inconclusive,
                "alexnet",
                "batch 8",
                1,
                1,
                0,
                0.05,
                0.2,
                "cannot decide, 100% sure: no\nsecond line",
                "/repo/baselines/alexnet/cpu.verified.json",
                7
            ),
            new Finding(
                "PG1000",
                Verdict.Pass,
                "alexnet",
                "batch 1",
                1,
                1,
                0,
                0.05,
                0.4,
                "within tolerance",
                "/repo/baselines/alexnet/cpu.verified.json",
                3
            ),
        };
        var report = CheckVerdicts.Of(
            [new ModelVerdict("alexnet", "cpu", Verdict.Fail, findings, "/repo/baselines/alexnet/cpu.verified.json")],
            "approve"
        );

        var lines = GitHubAnnotations.Render(report, "/repo").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            [
                "::error file=baselines/alexnet/cpu.verified.json,line=42,title=PG1001 alexnet::conv2: flops 447,897,600 → 597,196,800 "
                    + "(+33.3%25)",
                "::warning file=baselines/alexnet/cpu.verified.json,line=7,title=PG1003 alexnet::cannot decide, 100%25 sure: no%0Asecond "
                    + "line",
            ],
            lines
        );
    }
}
