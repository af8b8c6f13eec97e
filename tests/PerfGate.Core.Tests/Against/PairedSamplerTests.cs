using PerfGate.Core.Against;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Tests.Against;

public sealed class PairedSamplerTests
{
    [Fact]
    public void Rounds_alternate_the_sides_in_ABBA_order_with_the_same_number_of_forward_passes()
    {
        var log = new List<string>();
        var sampler = new PairedSampler(
            new FakeSide("base", 0.001, log),
            new FakeSide("head", 0.002, log),
            new SamplerSettings(MinRounds: 4, MaxRounds: 4)
        );
        var batch = Assert.Single(sampler.Measure("tiny", [8], maxSeconds: 10));

        // The pilot on both sides, an untimed warm-up turn on each (head, base: round -1 of the order, so that base's first
        // timed turn follows its own work, as its later first turns do), then (base, head), (head, base), (base, head),
        // (head, base). An iteration is about 0.1 s on the slower side: head takes 0.016 s per pass at batch 8, so 6 passes on
        // each side.
        Assert.Equal(
            [
                "head pilot 8",
                "base pilot 8",
                "head turn 8 6",
                "base turn 8 6",
                "base turn 8 6",
                "head turn 8 6",
                "head turn 8 6",
                "base turn 8 6",
                "base turn 8 6",
                "head turn 8 6",
                "head turn 8 6",
                "base turn 8 6",
            ],
            log
        );
        Assert.Equal(4, batch.Rounds);
        Assert.All(batch.LogRatios(), r => Assert.InRange(r, Math.Log(0.5) - 0.02, Math.Log(0.5) + 0.02));
    }

    [Fact]
    public void A_batch_whose_round_cannot_fit_the_bound_is_skipped_not_run()
    {
        var log = new List<string>();
        // A pass of one image takes 0.1 s: a round at batch 1 about 0.4 s; at batch 64 over 25 s, past the 6.25 s bound of a 1-second
        // budget.
        var sampler = new PairedSampler(
            new FakeSide("base", 0.1, log),
            new FakeSide("head", 0.1, log),
            new SamplerSettings(MinRounds: 2, MaxRounds: 2)
        );
        var measured = sampler.Measure("tiny", [1, 64], maxSeconds: 1);
        Assert.Null(measured[0].Skipped);
        Assert.Contains("does not fit", measured[1].Skipped);
        Assert.DoesNotContain(log, l => l.Contains("turn 64"));
    }
}
