using PerfGate.Core.Measurements;

namespace PerfGate.Core.Tests.Measurements;

public class InterleavedSamplerTests
{
    private static readonly SamplerSettings Fast = new(IterationSeconds: 0.002, WarmupCalls: 2, MinRounds: 4, MaxRounds: 6);

    [Fact]
    public void Rounds_alternate_model_and_calibration_in_abba_order()
    {
        var log = new System.Text.StringBuilder();
        var rounds = InterleavedSampler.Run(
            () => log.Append('M'),
            () => log.Append('C'),
            budgetSeconds: 0,
            Fast,
            (_, _) => log.Append('|')
        );

        Assert.Equal(Fast.MinRounds, rounds.Count); // a spent budget still gets the minimum rounds
        // Between round markers, runs of one kernel's calls collapse to one letter.
        var segments = log.ToString().Split('|').Select(Collapse).ToArray();
        // Warmup (M C twice), pilot (M, C), then round 1 model-first; round 2 calibration-first; and so on.
        Assert.Equal(["MCMCMCMC", "CM", "MC", "CM", ""], segments);
    }

    [Fact]
    public void Iterations_are_sized_to_the_target_and_timed()
    {
        var rounds = InterleavedSampler.Run(() => Thread.SpinWait(50), () => Thread.SpinWait(50), budgetSeconds: 0, Fast);
        Assert.All(rounds, r =>
        {
            Assert.True(r.ModelCalls >= 1 && r.CalibrationCalls >= 1);
            Assert.True(r.ModelSeconds > 0 && r.CalibrationSeconds > 0);
        });
    }

    [Fact]
    public void The_budget_ends_the_rounds_and_max_rounds_caps_them()
    {
        var capped = InterleavedSampler.Run(() => { }, () => { }, budgetSeconds: 60, Fast);
        Assert.Equal(Fast.MaxRounds, capped.Count);

        var bounded = InterleavedSampler.Run(
            () => Thread.Sleep(5),
            () => Thread.Sleep(5),
            budgetSeconds: 0.2,
            Fast with
            {
                MaxRounds = 1000,
            }
        );
        Assert.InRange(bounded.Count, Fast.MinRounds, 40);
    }

    [Fact]
    public void Three_kernels_run_forward_then_reversed_and_every_round_times_each()
    {
        var log = new System.Text.StringBuilder();
        var rounds = InterleavedSampler.RunAll(
            [() => log.Append('1'), () => log.Append('2'), () => log.Append('4')],
            budgetSeconds: 0,
            Fast with
            {
                WarmupCalls = 1,
            },
            (_, _) => log.Append('|')
        );

        var segments = log.ToString().Split('|').Select(Collapse).ToArray();
        // Warmup (1 2 4), pilot (1 2 4), then 1 2 4 | 4 2 1 | 1 2 4 | 4 2 1.
        Assert.Equal(["124124124", "421", "124", "421", ""], segments);
        Assert.All(rounds, r => Assert.Equal(3, r.Seconds.Count));
    }

    private static string Collapse(string calls) => new(calls.Where((c, i) => i == 0 || calls[i - 1] != c).ToArray());
}
