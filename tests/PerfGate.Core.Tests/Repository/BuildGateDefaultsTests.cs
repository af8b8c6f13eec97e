using System.Globalization;
using System.Text.RegularExpressions;
using PerfGate.Core.Measurements;

namespace PerfGate.Core.Tests.Repository;

/// <summary>The build gate's defaults are written in two places MSBuild and C# each need: the targets and the task.</summary>
public class BuildGateDefaultsTests
{
    [Fact]
    public void The_targets_default_budget_is_the_tasks()
    {
        var targets = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "build", "PerfGate.targets"));
        var value = Regex.Match(
            targets,
            @"<PerfGateMaxSeconds Condition=""'\$\(PerfGateMaxSeconds\)' == ''"">([^<]+)</PerfGateMaxSeconds>"
        );

        Assert.True(value.Success, "build/PerfGate.targets no longer defaults PerfGateMaxSeconds");
        Assert.Equal(MeasurePlan.BuildGateMaxSeconds, double.Parse(value.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Contains($"(default {MeasurePlan.BuildGateMaxSeconds})", targets); // the property list at the top says so too
    }
}
