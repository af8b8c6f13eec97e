using PerfGate.Core.Baselines;

namespace PerfGate.Core.Gate;

/// <summary>
/// What every gate needs before it measures or judges anything, loaded once from a request: the request validated, the baselines
/// folder (which must exist: a missing folder is PG0010, never a silent pass), its tolerances, and the measuring options.
/// </summary>
internal sealed record GateSetup(CheckRequest Request, BaselinePaths Paths, ToleranceConfig Tolerances, GateOptions Options)
{
    /// <param name="runs">How many runs each model is measured for (`approve --runs`); 1 for a check.</param>
    public static GateSetup Load(CheckRequest request, int runs = 1)
    {
        request = request.Validate();
        var paths = new BaselinePaths(request.Baselines).RequireFolder();
        return new GateSetup(request, paths, ToleranceConfig.Load(paths.Root), request.Options(runs));
    }
}
