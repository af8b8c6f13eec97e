using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Reports;
using PerfGate.Core.Serialization;

namespace PerfGate.Reports;

/// <summary>
/// Everything a gate run leaves behind, written from the same outcomes so that every file shows the same numbers:
/// results/&lt;model&gt;.json (and CSVs), the report folder, and on request the Markdown summary and the JSON report.
/// </summary>
public static class GateOutputs
{
    public static void Write(IReadOnlyList<ModelOutcome> outcomes, CheckReport report, string resultsFolder, string? summaryFile, string? reportFile)
    {
        foreach (var outcome in outcomes) ResultFiles.Write(outcome.Measurement, resultsFolder);
        ReportWriter.Write(outcomes.Select(Of).ToArray(), Path.Combine(resultsFolder, "report"), report.ApproveCommand);
        if (summaryFile is not null) AtomicFile.Write(summaryFile, CheckText.Markdown(report));
        if (reportFile is not null) AtomicFile.Write(reportFile, PerfGateJson.Serialize(report));
    }

    public static ModelReport Of(ModelOutcome outcome) => new(outcome.Measurement, outcome.Approved.Throughput?.Value, outcome.Verdict);
}
