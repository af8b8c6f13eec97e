using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Orchestration.Tests.Session;

/// <summary>Advice names the knob of the host it is printed in: under MSBuild the budget is PerfGateMaxSeconds, in the table and
/// in every file the build gate writes (the summary a pull request shows, the JSON report), not the command line's option.</summary>
public sealed class GateSessionResultTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("perfgate-session-result").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_build_gates_files_name_PerfGateMaxSeconds_where_the_command_line_names_max_seconds()
    {
        var current = SyntheticResults.Noisy(100, noise: 0.01, seed: 7, batches: [1]);
        var paths = new BaselinePaths(Path.Combine(_root, "baselines"));
        var verdict = GateEvaluator.Evaluate(
            current,
            ApprovedBaselines.Read(paths, "tiny", current.Fingerprint.Class),
            ToleranceConfig.Defaults
        );
        var advice = new Finding(
            FindingCodes.ThroughputInconclusive,
            Verdict.Inconclusive,
            "tiny",
            "batch 1: normalized throughput",
            null,
            null,
            null,
            null,
            null,
            "batch 1: too few samples to decide. Give the run more time (--max-seconds)."
        );
        verdict = verdict with { Findings = [.. verdict.Findings, advice] };
        var session = new GateSessionResult(
            [new ModelOutcome(current, verdict, ApprovedBaselines.Read(paths, "tiny", "x"))],
            CheckVerdicts.Of([verdict], "approve")
        );

        var gate = session.InBuildGate();
        gate.Write(Path.Combine(_root, "results"), Path.Combine(_root, "summary.md"), Path.Combine(_root, "report.json"));

        Assert.Contains("(--max-seconds)", session.Verdicts.Models[0].Findings[^1].Message); // the command line's own wording
        foreach (var file in new[] { "summary.md", "report.json" })
        {
            var text = File.ReadAllText(Path.Combine(_root, file));
            Assert.Contains("Give the run more time (PerfGateMaxSeconds)", text);
            Assert.DoesNotContain("--max-seconds", text);
        }
        Assert.All(gate.Outcomes, o => Assert.DoesNotContain(o.Verdict.Findings, f => f.Message.Contains("--max-seconds")));
    }
}
