using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PerfGate.Core;
using PerfGate.Core.Baselines;

namespace PerfGate.Tasks;

/// <summary>
/// `-p:PerfGateApprove=true`: moves the received baselines the gate wrote onto the verified ones, here in MSBuild and without
/// starting a process, under the policy every host shares (<see cref="BaselineApprover"/>: refused under CI, all of a model's
/// files or none), as `perfgate approve --all` does.
/// </summary>
public sealed class PerfGateApprove : Microsoft.Build.Utilities.Task
{
    [Required]
    public string BaselinesDirectory { get; set; } = "";

    /// <summary>The project, named by an error that has no file of its own.</summary>
    public string? ProjectFile { get; set; }

    public override bool Execute()
    {
        try
        {
            var approved = BaselineApprover.ApproveAll(
                new BaselinePaths(BaselinesDirectory),
                [null],
                force: false,
                Environment.GetEnvironmentVariable("CI"),
                "Run the gate first (dotnet test -c Release, or dotnet build -c Release -t:PerfGate): it writes them."
            );
            foreach (var line in BaselineApprover.Lines(approved))
                Log.LogMessage(MessageImportance.High, "{0}", line);
            return true;
        }
        catch (PerfGateException e)
        {
            Log.LogError(null, e.Code, null, e.File ?? ProjectFile, e.Line, 0, 0, 0, "{0}", e.Message);
            return false;
        }
    }
}
