using PerfGate.Core.Flops;
using PerfGate.Torch.Counting;
using PerfGate.Torch.Workloads;
using static TorchSharp.torch;

namespace PerfGate.Torch.Tests.Models;

/// <summary>
/// The MLPerf-family reference workloads counted against tables computed by hand here, layer by layer, from the equations
/// PyTorch documents (N is the batch): every layer known, nothing that never ran.
/// </summary>
public class ReferenceWorkloadCountTests
{
    private static FlopReport Count(IPerfGateWorkload workload, long batch)
    {
        manual_seed(1);
        var model = workload.Create();
        model.eval();
        var report = new FlopCounter().Count(workload.Name, model, workload.Input(batch, CPU));
        Assert.Empty(report.UnknownLayers);
        Assert.Empty(report.NeverRan);
        return report;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void The_bert_like_encoder_matches_its_hand_count(long n)
    {
        var report = Count(new BertLikeWorkload(), n);
        long positions = 16 * n;
        // per encoder layer: q, k, v and output projections 64 × 64 per position; Q·Kᵀ and weights·V 16 × 16 × 64 per example;
        // the feed-forward block 64 × 128 twice per position
        var layerMacs = 4 * positions * 64 * 64 + 2 * n * 16 * 16 * 64 + 2 * positions * 64 * 128;
        // scaling and four projection biases (5 × 64), linear1's bias and the activation (2 × 128), linear2's bias (64),
        // two residual adds (2 × 64), two LayerNorms (2 × 5 × 64), per position; the softmax over 4 heads' 16 × 16 scores
        var layerOther = positions * (5 * 64 + 2 * 128 + 64 + 2 * 64 + 2 * 5 * 64) + 5 * n * 4 * 16 * 16;
        var layerParams = (3 * 64 * 64 + 3 * 64) + (64 * 64 + 64) + (128 * 64 + 128) + (64 * 128 + 64) + 2 * (64 + 64);

        Assert.Equal(2 * layerMacs + n * 64 * 2, report.Totals.Macs); // and the classifier, Linear(64, 2)
        Assert.Equal(2 * layerOther + n * 2, report.Totals.OtherFlops);
        Assert.Equal(1000 * 64 + 2 * layerParams + (64 * 2 + 2), report.Totals.Params);
        Assert.Equal(1_114_240 * n, report.Totals.Macs); // the same, summed
        Assert.Equal(["embed", "encoder", "classify"], report.Layers.Select(l => l.Name));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void The_lstm_classifier_matches_its_hand_count(long n)
    {
        var report = Count(new LstmSentimentWorkload(), n);
        long steps = 20 * n;
        var lstm = report.Layers.Single(l => l.Name == "lstm");
        Assert.Equal(steps * 4 * 64 * (32 + 64), lstm.Macs); // four gates, each 64 × (32 inputs + 64 hidden) per step
        Assert.Equal(steps * 64 * 21, lstm.OtherFlops);
        Assert.Equal(4 * 64 * (32 + 64 + 2), lstm.Params);
        Assert.Equal(steps * 4 * 64 * (32 + 64) + n * 64 * 2, report.Totals.Macs);
        Assert.Equal(1000 * 32 + 4 * 64 * (32 + 64 + 2) + (64 * 2 + 2), report.Totals.Params);
        Assert.Equal([n, 20, 64], lstm.OutputShape);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public void The_ncf_like_recommender_matches_its_hand_count(long n)
    {
        var report = Count(new NcfLikeWorkload(), n);
        Assert.Equal(n * (32 * 64 + 64 * 32 + 32 * 1), report.Totals.Macs);
        // three biases (64 + 32 + 1), two ReLUs (64 + 32), the sigmoid (1)
        Assert.Equal(n * (64 + 32 + 1 + 64 + 32 + 1), report.Totals.OtherFlops);
        Assert.Equal(500 * 16 + 800 * 16 + (32 * 64 + 64) + (64 * 32 + 32) + (32 + 1), report.Totals.Params);
        Assert.Equal(0, report.Layers.Single(l => l.Name == "user").Flops); // a gather of rows
    }
}
