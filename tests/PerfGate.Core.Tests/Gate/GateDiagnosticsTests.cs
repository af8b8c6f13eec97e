using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Serialization;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

public class GateDiagnosticsTests
{
    private static string Report(Verdict verdict, params Finding[] findings) =>
        PerfGateJson.Serialize(
            CheckReport.Of([new ModelVerdict("tiny", "cpu-x64-avx2-1t", verdict, findings, "b/tiny/cpu.verified.json")], "approve it")
        );

    private static Finding F(string code, Verdict verdict) =>
        new(code, verdict, "tiny", "m", 1, 2, 1, 0.05, 0.001, "msg", "b/tiny/cpu.verified.json", 12);

    [Fact]
    public void A_failed_finding_is_an_error_with_code_file_and_line()
    {
        var outcome = GateDiagnostics.From(
            ExitCodes.GateFailed,
            false,
            Report(Verdict.Fail, F(FindingCodes.CountedChanged, Verdict.Fail)),
            strict: false,
            "",
            900
        );
        var error = Assert.Single(outcome.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(new Diagnostic(Severity.Error, "PG1001", "tiny: msg", "b/tiny/cpu.verified.json", 12), error);
        Assert.False(outcome.Passed);
    }

    [Theory]
    [InlineData(false, Severity.Warning)]
    [InlineData(true, Severity.Error)]
    public void Inconclusive_and_new_are_warnings_unless_strict(bool strict, Severity expected)
    {
        var json = Report(
            Verdict.Inconclusive,
            F(FindingCodes.ThroughputInconclusive, Verdict.Inconclusive),
            F(FindingCodes.NewDevice, Verdict.New)
        );
        var outcome = GateDiagnostics.From(ExitCodes.Inconclusive, false, json, strict, "", 900);
        Assert.All(outcome.Diagnostics.Where(d => d.Code != "PG1010"), d => Assert.Equal(expected, d.Severity));
        Assert.False(outcome.Passed);
    }

    [Fact]
    public void A_clean_pass_is_recorded_and_so_is_an_improvement_that_proposes_a_baseline()
    {
        var clean = GateDiagnostics.From(0, false, Report(Verdict.Pass, F(FindingCodes.ThroughputUnchanged, Verdict.Pass)), false, "", 900);
        Assert.True(clean.Passed);
        Assert.All(clean.Diagnostics, d => Assert.Equal(Severity.Message, d.Severity));

        var improved = F(FindingCodes.ThroughputImproved, Verdict.Pass) with { ProposesBaseline = true };
        var proposing = GateDiagnostics.From(0, false, Report(Verdict.Pass, improved), false, "", 900);
        Assert.True(proposing.Passed); // an improvement never keeps the gate out of date
        Assert.Contains(proposing.Diagnostics, d =>
            d.Code == "PG1010" && d.Message.Contains("approve it") && d.Message.Contains("optional")
        );
    }

    [Theory]
    [InlineData(FindingCodes.CountedChanged, Verdict.Fail, ExitCodes.GateFailed)]
    [InlineData(FindingCodes.NewCounts, Verdict.New, ExitCodes.Success)]
    [InlineData(FindingCodes.NewDevice, Verdict.New, ExitCodes.Success)]
    [InlineData(FindingCodes.ThroughputInconclusive, Verdict.Inconclusive, ExitCodes.Inconclusive)]
    [InlineData(FindingCodes.ThroughputRegressed, Verdict.Fail, ExitCodes.GateFailed)]
    public void A_regression_an_inconclusive_a_counted_change_or_nothing_approved_keeps_the_gate_out_of_date(
        string code,
        Verdict verdict,
        int exitCode
    )
    {
        var improved = F(FindingCodes.ThroughputImproved, Verdict.Pass) with { ProposesBaseline = true };
        var outcome = GateDiagnostics.From(
            exitCode,
            false,
            Report(
                verdict,
                improved,
                F(code, verdict) with
                {
                    ProposesBaseline = code is FindingCodes.CountedChanged or FindingCodes.NewCounts or FindingCodes.NewDevice,
                }
            ),
            false,
            "",
            900
        );
        Assert.False(outcome.Passed);
    }

    [Fact]
    public void A_timeout_is_its_own_error()
    {
        var outcome = GateDiagnostics.From(-1, timedOut: true, null, false, "", 120);
        Assert.Equal("PG2005", Assert.Single(outcome.Diagnostics).Code);
        Assert.Contains("120 s", outcome.Diagnostics[0].Message);
    }

    [Fact]
    public void A_crash_is_its_own_error_with_the_last_output_never_a_regression()
    {
        var outcome = GateDiagnostics.From(
            134,
            false,
            Report(Verdict.Fail, F(FindingCodes.ThroughputRegressed, Verdict.Fail)),
            false,
            "progress\nSegmentation fault\n",
            900
        );
        var error = Assert.Single(outcome.Diagnostics);
        Assert.Equal("PG2004", error.Code);
        Assert.Contains("exit code 134", error.Message);
        Assert.Contains("Segmentation fault", error.Message);
    }

    [Theory]
    [InlineData(ExitCodes.BadInput)]
    [InlineData(ExitCodes.MeasuredProcessFailed)]
    public void Errors_the_process_printed_itself_are_not_repeated(int exitCode) =>
        Assert.Empty(GateDiagnostics.From(exitCode, false, null, false, "x.json(3): error PG0201: bad", 900).Diagnostics);

    [Fact]
    public void A_missing_or_unreadable_report_is_an_error()
    {
        Assert.Equal("PG2006", Assert.Single(GateDiagnostics.From(0, false, null, false, "", 900).Diagnostics).Code);
        Assert.Equal("PG2006", Assert.Single(GateDiagnostics.From(1, false, "{ not json", false, "", 900).Diagnostics).Code);
    }

    [Fact]
    public void The_report_of_a_real_session_round_trips()
    {
        var verdict = GateEvaluator.Evaluate(
            SyntheticResults.Noisy(50, seed: 3),
            SyntheticResults.Approved(SyntheticResults.Noisy(100), Baseline.From([SyntheticResults.Noisy(100)], "t", null)),
            ToleranceConfig.Defaults
        );
        var json = PerfGateJson.Serialize(CheckReport.Of([verdict], "approve"));
        var outcome = GateDiagnostics.From(ExitCodes.GateFailed, false, json, false, "", 900);
        Assert.Equal(2, outcome.Diagnostics.Count(d => d.Code == FindingCodes.ThroughputRegressed && d.Severity == Severity.Error));
    }

    [Fact]
    public void A_model_that_failed_among_several_is_an_error_beside_the_others_verdicts()
    {
        var paths = new BaselinePaths("b");
        var failed = ModelOutcome.Failed(paths, "broken", "cpu-x64-avx2-1t", new PerfGateException("PG0004", "it threw", exitCode: 4));
        var passed = new ModelVerdict("tiny", "cpu-x64-avx2-1t", Verdict.Pass, [F(FindingCodes.CountedUnchanged, Verdict.Pass)], "x");
        var report = CheckReport.Of([failed.Verdict, passed], "approve");
        Assert.Equal(ExitCodes.MeasuredProcessFailed, report.ExitCode(strict: false));

        var outcome = GateDiagnostics.From(report.ExitCode(false), false, PerfGateJson.Serialize(report), false, "", 900);

        Assert.Equal(
            new Diagnostic(Severity.Error, "PG0004", "broken: it threw", null, 0),
            outcome.Diagnostics.Single(d => d.Code == "PG0004")
        );
        Assert.Contains(outcome.Diagnostics, d => d.Code == FindingCodes.CountedUnchanged);
        Assert.False(outcome.Passed);
    }
}
