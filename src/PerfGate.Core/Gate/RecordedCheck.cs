using PerfGate.Core.Baselines;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Gate;

/// <summary>`perfgate check --results FILE`: one recorded measurement judged as it is, against the approved baselines. Runs no
/// model.</summary>
public static class RecordedCheck
{
    public static ModelOutcome Check(CheckRequest request, string perfGateVersion, string? commit)
    {
        request = request.Validate();
        var file = request.ResultsFile ?? throw new ArgumentException("a recorded check needs a results file", nameof(request));
        var paths = new BaselinePaths(request.Baselines).RequireFolder();
        var tolerances = ToleranceConfig.Load(paths.Root);
        var recorded = ResultReader.Read(file);
        var run = new GateRun(paths, tolerances, new RecordedMeasurer(recorded, file), perfGateVersion, commit);
        return run.Check(recorded.Model, new GateOptions(null, request.MaxSeconds));
    }
}
