using PerfGate.Core.Measurements;

namespace PerfGate.Core.Gate;

/// <summary>`perfgate check --results FILE`: one recorded measurement judged as it is, against the approved baselines. Runs no
/// model.</summary>
internal static class ResultsFileCheck
{
    public static ModelOutcome Check(GateSetup setup, string perfGateVersion, string? commit)
    {
        var file = setup.Request.ResultsFile ?? throw new ArgumentException("a recorded check needs a results file", nameof(setup));
        var recorded = ResultReader.Read(file);
        var run = new GateRun(setup.Paths, setup.Tolerances, new ResultsFileMeasurer(recorded, file), perfGateVersion, commit);
        return run.Check(recorded.Model, new GateOptions(null, setup.Request.MaxSeconds));
    }
}
