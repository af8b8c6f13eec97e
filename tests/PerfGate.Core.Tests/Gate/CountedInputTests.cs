using PerfGate.Core.Baselines;
using PerfGate.Core.Flops;
using PerfGate.Core.Gate;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Gate;

/// <summary>The input a model was counted on is kept with its counts: a workload that starts feeding other input is a finding.</summary>
public class CountedInputTests
{
    private static CountedMetrics Counted(ModelInput? input) => CountedMetrics.From(SyntheticResults.Result()) with { Input = input };

    [Fact]
    public void Token_ids_fed_as_floats_are_a_counted_change_naming_both_inputs()
    {
        var approved = Counted(new ModelInput([1, 16], "Int64"));
        var text = BaselineJson.Write(new CountsBaseline(CountsBaseline.CurrentSchemaVersion, "tiny", approved));

        var findings = CountedComparer.Compare("tiny", approved, Counted(new ModelInput([1, 16], "Float32")), "counts.verified.json", text);

        var input = Assert.Single(findings);
        Assert.Equal((FindingCodes.CountedChanged, Verdict.Fail), (input.Code, input.Verdict));
        Assert.Equal("input: the model was counted on [1x16] Float32, approved on [1x16] Int64", input.Message);
        Assert.Equal(CountedLines.Total(text, "input"), input.Line);
        Assert.True(input.Line > 0);
    }

    [Fact]
    public void A_baseline_approved_before_inputs_were_kept_is_not_compared_on_them()
    {
        var finding = Assert.Single(CountedComparer.Compare("tiny", Counted(null), Counted(new ModelInput([1, 3], "Float32")), null, null));
        Assert.Equal(FindingCodes.CountedUnchanged, finding.Code);
    }
}
