using PerfGate.Core;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;

namespace PerfGate.Orchestration;

/// <summary>
/// A throughput baseline the gate proposes (a device class with none yet, an improvement) is made of several launches, not
/// one run: the gate's own measurement and <see cref="ExtraLaunches"/> more, each in a fresh measuring process on the same build,
/// for half the gate's budget. Rounds within one process are not independent samples of the drift between processes; launches
/// are. The received file then keeps each launch's medians, so the baseline the printed approve command approves knows this
/// machine's between-run drift from the start. Where no process can be started (the repository's own command line, a results
/// file) or a launch fails, the candidate stays the one run, and the gate says so. A failing verdict (a regression, a counted
/// change) is reported without the extra launches: approving it accepts a change, and the next runs' suspicions are measured
/// side by side against the commit it is approved at.
/// </summary>
internal static class SnapshotLaunches
{
    public const int ExtraLaunches = 2;

    /// <summary>Measures a model at batch sizes for some seconds in a fresh process on the build being gated.</summary>
    public delegate MeasurementResult Launch(string model, IReadOnlyList<int> batches, double seconds);

    /// <param name="launcher">Asked once, only when a baseline is proposed; null: no process can be started.</param>
    public static void Apply(IReadOnlyList<ModelOutcome> outcomes, GateSetup setup, Func<Launch?> launcher, Action<string>? progress)
    {
        var proposing = outcomes.Where(o => Proposes(o, setup.Paths)).ToArray();
        if (proposing.Length == 0 || setup.Request.InjectedSlowdown != 0)
            return; // an injected slowdown (benchmarking the gate) is not what a fresh process measures
        var launch = launcher();
        foreach (var outcome in proposing)
        {
            var model = outcome.Verdict.Model;
            if (launch is null)
            {
                progress?.Invoke($"{model}: the proposed baseline is one run (no build to start more measuring processes on)");
                continue;
            }
            var received = setup.Paths.Received(model, outcome.Verdict.DeviceClass);
            var candidate = BaselineJson.Read(received, model);
            var measured = outcome.Measurement!;
            var batches = measured.Batches.Where(b => b.HasFigures).Select(b => b.Batch).ToArray();
            var runs = new List<MeasurementResult>();
            try
            {
                for (var i = 1; i <= ExtraLaunches; i++)
                {
                    progress?.Invoke($"{model}: launch {i + 1} of {ExtraLaunches + 1} for the proposed baseline, in a fresh process");
                    runs.Add(launch(model, batches, setup.Request.MaxSeconds / 2));
                }
            }
            catch (PerfGateException e)
            {
                progress?.Invoke($"{model}: the proposed baseline stays one run: a launch failed ({e.Code}: {e.Message})");
                continue;
            }
            runs.Add(measured); // the gate's own run last: its fingerprint, calibration and build are the candidate's
            var merged = Baseline.From(runs, candidate.Provenance.PerfGateVersion, candidate.Provenance.Commit);
            AtomicFile.Write(received, BaselineJson.Write(merged));
        }
    }

    private static bool Proposes(ModelOutcome outcome, BaselinePaths paths) =>
        outcome.Verdict.ProposesBaseline
        && outcome.Verdict.Verdict != Verdict.Fail
        && outcome.Measurement is { } measured
        && measured.Batches.Any(b => b.HasFigures)
        && File.Exists(paths.Received(outcome.Verdict.Model, outcome.Verdict.DeviceClass));
}
