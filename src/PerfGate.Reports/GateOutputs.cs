using PerfGate.Core.Gate;
using PerfGate.Core.Text;

namespace PerfGate.Reports;

/// <summary>What `perfgate check` leaves behind: the gate's own files (<see cref="GateFiles"/>) and the report folder with its
/// charts.</summary>
internal static class GateOutputs
{
    public static void Write(
        IReadOnlyList<ModelOutcome> outcomes,
        CheckVerdicts verdicts,
        string resultsFolder,
        string? summaryFile,
        string? reportFile
    )
    {
        GateFiles.Write(outcomes, verdicts, resultsFolder, summaryFile, reportFile);
        ReportWriter.Write(
            outcomes.Where(o => o.Measurement is not null).Select(Of).ToArray(),
            Path.Combine(resultsFolder, "report"),
            verdicts.ApproveCommand
        );
    }

    public static ModelReport Of(ModelOutcome outcome) =>
        new(
            outcome.Measurement ?? throw new ArgumentException("a failed model has no report", nameof(outcome)),
            outcome.Approved.Throughput?.Value,
            outcome.Verdict
        )
        {
            Against = outcome.Against,
        };
}
