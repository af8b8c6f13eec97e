using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using PerfGate.Core.Text;

namespace PerfGate.Core.Gate;

/// <summary>
/// The files every gate run leaves behind, written from the same outcomes so that they all show the same numbers:
/// results/&lt;model&gt;.json (and CSVs), and on request the Markdown summary and the JSON verdicts. Hosts add their own (charts).
/// </summary>
internal static class GateFiles
{
    public static void Write(
        IReadOnlyList<ModelOutcome> outcomes,
        CheckVerdicts verdicts,
        string resultsFolder,
        string? summaryFile,
        string? reportFile
    )
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.Measurement is not { } measurement)
                continue; // a model that failed measured nothing
            ResultFiles.Write(measurement, resultsFolder);
            if (outcome.Against is { } against)
                AtomicFile.Write(Path.Combine(resultsFolder, $"{measurement.Model}.against-base.json"), PerfGateJson.Serialize(against));
        }
        if (summaryFile is not null)
            AtomicFile.Write(summaryFile, CheckText.Markdown(verdicts));
        if (reportFile is not null)
            AtomicFile.Write(reportFile, PerfGateJson.Serialize(verdicts));
    }
}
