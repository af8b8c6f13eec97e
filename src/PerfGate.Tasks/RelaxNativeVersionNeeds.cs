using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PerfGate.Core;
using PerfGate.Orchestration.Native;

namespace PerfGate.Tasks;

/// <summary>
/// Marks libstdc++ version needs that the host lacks as weak in native libraries copied to a build output
/// (see <see cref="VersionNeedRelaxer"/>). Does nothing where the host libstdc++ is new enough.
/// </summary>
public sealed class RelaxNativeVersionNeeds : Microsoft.Build.Utilities.Task
{
    [Required]
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>The host libstdc++ to compare against; found the way the loader finds it when empty.</summary>
    public string? HostLibrary { get; set; }

    [Output]
    public ITaskItem[] RelaxedFiles { get; private set; } = [];

    public override bool Execute()
    {
        var host = string.IsNullOrEmpty(HostLibrary) ? SystemLibraries.Find(VersionNeedRelaxer.LibStdCxx) : HostLibrary;
        if (host is null)
        {
            Log.LogMessage(
                MessageImportance.Low,
                "PerfGate: no host {0} found; native libraries left as they are.",
                VersionNeedRelaxer.LibStdCxx
            );
            return true;
        }

        var relaxed = new List<ITaskItem>();
        foreach (var file in Files)
        {
            try
            {
                var result = VersionNeedRelaxer.RelaxFile(file.ItemSpec, host);
                if (result.Outcome == RelaxOutcome.Unsafe)
                    Log.LogWarning(null, ErrorCodes.NativeVersionRelaxed, null, file.ItemSpec, 0, 0, 0, 0, "{0}", result.Describe());
                else
                    Log.LogMessage(
                        result.Outcome == RelaxOutcome.Relaxed ? MessageImportance.Normal : MessageImportance.Low,
                        "PerfGate: {0}",
                        result.Describe()
                    );
                if (result.Outcome == RelaxOutcome.Relaxed)
                    relaxed.Add(file);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                Log.LogError(
                    null,
                    ErrorCodes.NativeLibraryUnreadable,
                    null,
                    file.ItemSpec,
                    0,
                    0,
                    0,
                    0,
                    "Cannot relax the native library's version needs: {0}",
                    e.Message
                );
            }
        }
        RelaxedFiles = relaxed.ToArray();
        return !Log.HasLoggedErrors;
    }
}
