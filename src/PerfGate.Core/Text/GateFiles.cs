using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Text;

/// <summary>
/// The files every gate run leaves behind, written from the same outcomes so that they all show the same numbers:
/// results/&lt;model&gt;.json (and CSVs), and on request the Markdown summary and the JSON report. Hosts add their own (charts).
/// </summary>
public static class GateFiles
{
    public static void Write(
        IReadOnlyList<ModelOutcome> outcomes,
        CheckReport report,
        string resultsFolder,
        string? summaryFile,
        string? reportFile
    )
    {
        foreach (var outcome in outcomes)
        {
            ResultFiles.Write(outcome.Measurement, resultsFolder);
            if (outcome.Against is { } against)
                AtomicFile.Write(
                    Path.Combine(resultsFolder, $"{outcome.Measurement.Model}.against-base.json"),
                    PerfGateJson.Serialize(against)
                );
        }
        if (summaryFile is not null)
            AtomicFile.Write(summaryFile, CheckText.Markdown(report));
        if (reportFile is not null)
            AtomicFile.Write(reportFile, PerfGateJson.Serialize(report));
    }
}
