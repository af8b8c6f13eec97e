using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Serialization;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

public class GateDiagnosticsTests
{
    /// <summary>A report as the build gate receives it from the measuring host: through its JSON.</summary>
    private static CheckVerdicts Report(Verdict verdict, params Finding[] findings) =>
        RoundTrip(
            CheckVerdicts.Of([new ModelVerdict("tiny", "cpu-x64-avx2-1t", verdict, findings, "b/tiny/cpu.verified.json")], "approve it")
        );

    private static CheckVerdicts RoundTrip(CheckVerdicts report) =>
        System.Text.Json.JsonSerializer.Deserialize<CheckVerdicts>(PerfGateJson.Serialize(report), PerfGateJson.Options)!;

    private static Finding F(string code, Verdict verdict) =>
        new(code, verdict, "tiny", "m", 1, 2, 1, 0.05, 0.001, "msg", "b/tiny/cpu.verified.json", 12);

    [Fact]
    public void A_failed_finding_is_an_error_with_code_file_and_line()
    {
        var outcome = GateDiagnostics.From(
            ExitCodes.GateFailed,
            Report(Verdict.Fail, F(FindingCodes.CountedChanged, Verdict.Fail)),
            strict: false
        );
        var error = Assert.Single(outcome.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(new Diagnostic(Severity.Error, "PG1001", "tiny: msg", "b/tiny/cpu.verified.json", 12), error);
        Assert.False(outcome.Passed);
    }

    [Theory]
    [InlineData(false, nameof(Severity.Warning))]
    [InlineData(true, nameof(Severity.Error))]
    public void Inconclusive_and_new_are_warnings_unless_strict(bool strict, string severity)
    {
        var expected = Enum.Parse<Severity>(severity);
        var report = Report(
            Verdict.Inconclusive,
            F(FindingCodes.ThroughputInconclusive, Verdict.Inconclusive),
            F(FindingCodes.NewDevice, Verdict.New)
        );
        var outcome = GateDiagnostics.From(ExitCodes.Inconclusive, report, strict);
        Assert.All(outcome.Diagnostics.Where(d => d.Code != "PG1010"), d => Assert.Equal(expected, d.Severity));
        Assert.False(outcome.Passed);
    }

    [Fact]
    public void A_clean_pass_is_recorded_and_so_is_an_improvement_that_proposes_a_baseline()
    {
        var clean = GateDiagnostics.From(0, Report(Verdict.Pass, F(FindingCodes.ThroughputUnchanged, Verdict.Pass)), false);
        Assert.True(clean.Passed);
        Assert.All(clean.Diagnostics, d => Assert.Equal(Severity.Message, d.Severity));

        var improved = F(FindingCodes.ThroughputImproved, Verdict.Pass) with { ProposesBaseline = true };
        var proposing = GateDiagnostics.From(0, Report(Verdict.Pass, improved), false);
        Assert.True(proposing.Passed); // an improvement never keeps the gate out of date
        Assert.Contains(proposing.Diagnostics, d =>
            d.Code == "PG1010" && d.Message.Contains("approve it") && d.Message.Contains("optional")
        );
    }

    [Theory]
    [InlineData(FindingCodes.CountedChanged, nameof(Verdict.Fail), ExitCodes.GateFailed)]
    [InlineData(FindingCodes.NewCounts, nameof(Verdict.New), ExitCodes.Success)]
    [InlineData(FindingCodes.NewDevice, nameof(Verdict.New), ExitCodes.Success)]
    [InlineData(FindingCodes.ThroughputInconclusive, nameof(Verdict.Inconclusive), ExitCodes.Inconclusive)]
    [InlineData(FindingCodes.ThroughputRegressed, nameof(Verdict.Fail), ExitCodes.GateFailed)]
    public void A_regression_an_inconclusive_a_counted_change_or_nothing_approved_keeps_the_gate_out_of_date(
        string code,
        string verdictName,
        int exitCode
    )
    {
        var verdict = Enum.Parse<Verdict>(verdictName);
        var improved = F(FindingCodes.ThroughputImproved, Verdict.Pass) with { ProposesBaseline = true };
        var outcome = GateDiagnostics.From(
            exitCode,
            Report(
                verdict,
                improved,
                F(code, verdict) with
                {
                    ProposesBaseline = code is FindingCodes.CountedChanged or FindingCodes.NewCounts or FindingCodes.NewDevice,
                }
            ),
            false
        );
        Assert.False(outcome.Passed);
    }

    [Fact]
    public void The_report_of_a_real_session_round_trips()
    {
        var verdict = GateEvaluator.Evaluate(
            SyntheticResults.Noisy(50, seed: 3),
            SyntheticResults.Approved(SyntheticResults.Noisy(100), Baseline.From([SyntheticResults.Noisy(100)], "t", null)),
            ToleranceConfig.Defaults
        );
        var outcome = GateDiagnostics.From(ExitCodes.GateFailed, RoundTrip(CheckVerdicts.Of([verdict], "approve")), false);
        Assert.Equal(2, outcome.Diagnostics.Count(d => d.Code == FindingCodes.ThroughputRegressed && d.Severity == Severity.Error));
    }

    [Fact]
    public void A_model_that_failed_among_several_is_an_error_beside_the_others_verdicts()
    {
        var paths = new BaselinePaths("b");
        var failed = ModelOutcome.Failed(paths, "broken", "cpu-x64-avx2-1t", new PerfGateException("PG0004", "it threw", exitCode: 4));
        var passed = new ModelVerdict("tiny", "cpu-x64-avx2-1t", Verdict.Pass, [F(FindingCodes.CountedUnchanged, Verdict.Pass)], "x");
        var report = CheckVerdicts.Of([failed.Verdict, passed], "approve");
        Assert.Equal(ExitCodes.MeasuredProcessFailed, report.ExitCode(strict: false));

        var outcome = GateDiagnostics.From(report.ExitCode(false), RoundTrip(report), false);

        Assert.Equal(
            new Diagnostic(Severity.Error, "PG0004", "broken: it threw", null, 0),
            outcome.Diagnostics.Single(d => d.Code == "PG0004")
        );
        Assert.Contains(outcome.Diagnostics, d => d.Code == FindingCodes.CountedUnchanged);
        Assert.False(outcome.Passed);
    }
}
