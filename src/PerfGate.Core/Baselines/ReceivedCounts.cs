using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Baselines;

/// <summary>The counts candidate a reviewer may approve: written when the counts changed (or none are approved yet), removed when a
/// run shows it stale. Received files only: nothing approved is touched.</summary>
internal static class ReceivedCounts
{
    public static void Update(BaselinePaths paths, MeasurementResult current, bool changed)
    {
        var received = paths.CountsReceived(current.Model);
        if (changed)
            AtomicFile.Write(received, BaselineJson.Write(CountsBaseline.From(current)));
        else if (File.Exists(received))
            File.Delete(received);
    }
}
