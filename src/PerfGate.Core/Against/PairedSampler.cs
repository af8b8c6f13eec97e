using System.Diagnostics;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Against;

/// <summary>
/// The A/B controller's loop: per batch size, a pilot on each side sizes one turn (the same number of forward passes on both
/// sides, about <see cref="SamplerSettings.IterationSeconds"/> on the slower, then a calibration window a quarter as long, which
/// keeps each side's own normalized figures without spending half the budget on them), and rounds then alternate the sides in ABBA order
/// (base, head; head, base; …) so that a drift of the
/// machine favours neither. Only one side runs at any moment. The budget is shared so that every batch gets about the same
/// number of rounds, and no round starts that would end after the run's bound.
/// </summary>
internal sealed class PairedSampler(IMeasuringSide baseSide, IMeasuringSide head, SamplerSettings settings, Action<string>? progress = null)
{
    /// <param name="maxSeconds">The time to spend on rounds, shared by the batch sizes.</param>
    /// <param name="boundSeconds">
    /// No round starts that would end after this (default: <see cref="MeasurePlan.Deadline"/> of <paramref name="maxSeconds"/>). A
    /// short launch of a longer run passes the run's bound, so that its pilots do not crowd its batch sizes out.
    /// </param>
    public IReadOnlyList<PairedBatch> Measure(string model, IReadOnlyList<int> batches, double maxSeconds, double? boundSeconds = null)
    {
        var clock = Stopwatch.StartNew();
        var deadline = boundSeconds ?? MeasurePlan.Deadline(maxSeconds);
        var plans = batches.Select(b => Plan(model, b)).ToArray();
        var shares = BudgetSplit.EqualRounds(plans.Select(p => p.RoundSeconds).ToArray(), 0, 1.0);
        var measured = new List<PairedBatch>();
        for (var i = 0; i < batches.Count; i++)
        {
            var remaining = Math.Max(maxSeconds - clock.Elapsed.TotalSeconds, 0);
            var budget = remaining * shares[i] / Math.Max(shares.Skip(i).Sum(), 1e-9);
            if (clock.Elapsed.TotalSeconds + 2 * plans[i].RoundSeconds > deadline)
            {
                measured.Add(
                    new PairedBatch(
                        batches[i],
                        [],
                        [],
                        $"one round (about {Numbers.Fixed(plans[i].RoundSeconds, 1)} s on both sides) does not fit in what is left of "
                            + $"the time budget (--max-seconds {Numbers.Plain(maxSeconds)})"
                    )
                    {
                        BaseMemory = plans[i].BaseMemory,
                        HeadMemory = plans[i].HeadMemory,
                    }
                );
                progress?.Invoke($"{model}: batch {batches[i]} skipped: over the time budget");
                continue;
            }
            progress?.Invoke(
                $"{model}: batch {batches[i]} ({i + 1}/{batches.Count}), base and head alternated, {Numbers.Fixed(budget, 1)} s"
            );
            measured.Add(
                Rounds(model, plans[i], budget, clock, deadline) with
                {
                    BaseMemory = plans[i].BaseMemory,
                    HeadMemory = plans[i].HeadMemory,
                }
            );
        }
        return measured;
    }

    private PairedBatch Rounds(string model, TurnPlan plan, double budget, Stopwatch clock, double deadline)
    {
        // One untimed turn each at this batch size, head then base, before the first round. Every batch size is piloted before
        // any is measured, so the first turn at a batch size follows work at another (its pilot, another batch's rounds): in A/A
        // runs beside a neighbour the first round at batch 1, base's turn first, read head +22% (median of 17 launches) where
        // later rounds read +2%, and with two or three pairs a launch that one pair leaned its figure. As round -1 of the ABBA
        // order (H B | B H | H B ...) the warm-up pays that switch for both sides and leaves each pair one warm and one cold
        // turn per side.
        head.Turn(model, plan.Batch, plan.ModelCalls, 0);
        baseSide.Turn(model, plan.Batch, plan.ModelCalls, 0);
        var start = clock.Elapsed.TotalSeconds;
        var (baseRounds, headRounds) = (new List<RoundTiming>(), new List<RoundTiming>());
        var (baseProfile, headProfile) = (new List<ProfileRound>(), new List<ProfileRound>());
        var (lastRound, profiled) = (0.0, 0.0);
        // Rounds come in ABBA pairs (PairedBatch.PairsOf): a pair once begun is finished, within the bound.
        while (
            baseRounds.Count < settings.MaxRounds
            && (baseRounds.Count < settings.MinRounds || baseRounds.Count % 2 == 1 || clock.Elapsed.TotalSeconds - start < budget)
        )
        {
            if (clock.Elapsed.TotalSeconds + lastRound > deadline)
                break;
            var roundStart = clock.Elapsed.TotalSeconds;
            RoundTiming Turn(IMeasuringSide side, int calibrationCalls) => side.Turn(model, plan.Batch, plan.ModelCalls, calibrationCalls);
            if (baseRounds.Count % 2 == 0)
            {
                baseRounds.Add(Turn(baseSide, plan.BaseCalibrationCalls));
                headRounds.Add(Turn(head, plan.HeadCalibrationCalls));
            }
            else
            {
                headRounds.Add(Turn(head, plan.HeadCalibrationCalls));
                baseRounds.Add(Turn(baseSide, plan.BaseCalibrationCalls));
            }
            lastRound = clock.Elapsed.TotalSeconds - roundStart;
            if (baseRounds.Count % 10 == 0)
                progress?.Invoke(
                    $"  batch {plan.Batch}: {baseRounds.Count} rounds, {Numbers.Fixed(clock.Elapsed.TotalSeconds - start, 1)} s"
                );
            // A profile pair between rounds, within its share of the time, never past the bound; in ABBA order like the turns.
            if (!settings.ProfileDue(profiled, clock.Elapsed.TotalSeconds - start) || clock.Elapsed.TotalSeconds + lastRound > deadline)
                continue;
            var profileStart = clock.Elapsed.TotalSeconds;
            ProfileRound? baseRound,
                headRound;
            if (baseProfile.Count % 2 == 0)
            {
                baseRound = baseSide.Profile(model, plan.Batch);
                headRound = head.Profile(model, plan.Batch);
            }
            else
            {
                headRound = head.Profile(model, plan.Batch);
                baseRound = baseSide.Profile(model, plan.Batch);
            }
            profiled += clock.Elapsed.TotalSeconds - profileStart;
            if (baseRound is not { } b || headRound is not { } h)
                continue; // a side that cannot profile (an older PerfGate at base)
            baseProfile.Add(b);
            headProfile.Add(h);
        }
        return new PairedBatch(plan.Batch, baseRounds, headRounds) { BaseProfile = baseProfile, HeadProfile = headProfile };
    }

    /// <summary>Head's pilot first, then base's: the first round's first turn, base's, then follows base's own work, as every
    /// later base-first turn follows base's (<see cref="PairedBatch.PairsOf"/>).</summary>
    private TurnPlan Plan(string model, int batch)
    {
        var h = head.Pilot(model, batch);
        var b = baseSide.Pilot(model, batch);
        var modelCalls = InterleavedSampler.CallsFor(Math.Max(b.ModelSeconds, h.ModelSeconds), settings.IterationSeconds);
        var (baseCalibration, headCalibration) = (
            InterleavedSampler.CallsFor(b.CalibrationSeconds, CalibrationShare * modelCalls * b.ModelSeconds),
            InterleavedSampler.CallsFor(h.CalibrationSeconds, CalibrationShare * modelCalls * h.ModelSeconds)
        );
        var round =
            modelCalls * (b.ModelSeconds + h.ModelSeconds)
            + baseCalibration * b.CalibrationSeconds
            + headCalibration * h.CalibrationSeconds;
        return new TurnPlan(batch, modelCalls, baseCalibration, headCalibration, round)
        {
            BaseMemory = b.PeakMemoryBytes,
            HeadMemory = h.PeakMemoryBytes,
        };
    }

    /// <summary>The calibration window's length relative to the model window's.</summary>
    private const double CalibrationShare = 0.25;

    private sealed record TurnPlan(int Batch, int ModelCalls, int BaseCalibrationCalls, int HeadCalibrationCalls, double RoundSeconds)
    {
        public long? BaseMemory { get; init; }
        public long? HeadMemory { get; init; }
    }
}
