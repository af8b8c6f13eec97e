using System.Diagnostics;

namespace PerfGate.Build.Tests;

/// <summary>
/// The fixture project as a git repository with three commits: a base that does not compile, the tiny model, and the tiny
/// model with an extra layer. The A/B scenarios check out a commit and gate it against another one, building base in a
/// worktree under a cache folder outside the repository.
/// </summary>
public sealed class GitFixture : IDisposable
{
    public GitFixture()
    {
        Project = new FixtureProject();
        Cache = Directory.CreateTempSubdirectory("perfgate-base-cache-").FullName;
        Git("init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(Project.Directory, ".gitignore"), "bin/\nobj/\n*.received.json\n");
        var model = Path.Combine(Project.Directory, "TinyCnn.cs");
        var good = File.ReadAllText(model);
        File.WriteAllText(model, good.Replace("public TinyCnn()", "public TinyCnn() this does not compile"));
        Commit("base that does not build");
        Broken = Head();
        File.WriteAllText(model, good);
        Commit("the tiny model");
        Tiny = Head();
        // An extra layer after the classifier: 10 → 10 features, counted as a Linear layer of its own.
        File.WriteAllText(
            model,
            good.Replace(
                    "private readonly Module<Tensor, Tensor> fc = Linear(Width * 8 * 8, 10);",
                    "private readonly Module<Tensor, Tensor> fc = Linear(Width * 8 * 8, 10);\n    private readonly Module<Tensor, "
                        + "Tensor> extra = Linear(10, 10);"
                )
                .Replace("var output = fc.call(", "var output = extra.call(fc.call(")
                .Replace("conv.call(input)))));", "conv.call(input))))));")
        );
        Commit("an extra layer");
        Extra = Head();
    }

    public FixtureProject Project { get; }
    public string Cache { get; }
    public string Broken { get; }
    public string Tiny { get; }
    public string Extra { get; }

    public void Checkout(string commit) => Git("checkout", "-q", "--force", commit);

    /// <summary>The gate against <paramref name="reference"/>, through MSBuild as a CI job runs it (6 s of measuring).</summary>
    public (int Code, string Output) GateAgainst(string reference, params string[] properties) =>
        Project.Build("PerfGate", [$"PerfGateAgainst={reference}", $"PerfGateBaseCache={Cache}", "PerfGateMaxSeconds=6", .. properties]);

    private void Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=PerfGate tests", "-c", "user.email=tests@perfgate.invalid", "commit", "-q", "-m", message);
    }

    private string Head() => Git("rev-parse", "HEAD").Trim();

    private string Git(params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Project.Directory,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var git = Process.Start(info)!;
        var output = git.StandardOutput.ReadToEnd() + git.StandardError.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)}: {output}");
        return output;
    }

    public void Dispose()
    {
        Project.Dispose();
        try
        {
            Directory.Delete(Cache, recursive: true);
        }
        catch (IOException)
        {
            // a build server may still hold a file; the temp folder is cleaned by the OS
        }
    }
}

/// <summary>
/// `-p:PerfGateAgainst=REF` and `perfgate check --against REF` on a real repository: head and base built, measured alternately
/// in one run, judged on the paired rounds, counts compared with base's.
/// </summary>
public sealed class AgainstBaseTests(GitFixture fixture) : IClassFixture<GitFixture>
{
    [Fact]
    public void Unchanged_code_passes_against_itself_and_a_rerun_reuses_the_base_build()
    {
        fixture.Checkout(fixture.Tiny);
        var (code, output) = fixture.GateAgainst("HEAD");
        Assert.True(code == 0, output);
        Assert.DoesNotContain("error", output);
        Assert.Contains("counted metrics against base", output);
        Assert.Contains("throughput against base, all batches", output);
        Assert.DoesNotContain("FAIL", output);

        var again = fixture.GateAgainst("main~1", "-v:normal"); // progress (stderr of the measuring host) shows at normal verbosity
        Assert.True(again.Code == 0, again.Output);
        Assert.Contains($"base: reusing the build of {fixture.Tiny[..12]}", again.Output);
    }

    [Fact]
    public void An_extra_layer_in_head_fails_on_counts_against_base()
    {
        fixture.Checkout(fixture.Extra);
        var (code, output) = fixture.GateAgainst(fixture.Tiny);
        Assert.NotEqual(0, code);
        Assert.True(output.Contains($"error PG1001: tiny-cnn: changed against base {fixture.Tiny[..12]}"), output);
        Assert.Contains("extra: layer added", output);
    }

    [Fact]
    public void A_head_twice_as_slow_fails_on_throughput_against_base()
    {
        fixture.Checkout(fixture.Tiny);
        var (code, output) = fixture.GateAgainst("HEAD", "FixtureVariant=slow");
        Assert.NotEqual(0, code);
        Assert.Contains("error PG1002: tiny-cnn: all batches: slower, head -", output);
        Assert.Contains("Confirmed: it held from launch", output);
        Assert.DoesNotContain("PG1001", output);
    }

    [Fact]
    public void A_base_that_does_not_build_is_its_own_error_with_exit_code_2_not_a_regression()
    {
        fixture.Checkout(fixture.Tiny);
        var (code, output) = fixture.Project.Perfgate(
            "check",
            "--against",
            fixture.Broken,
            "--project",
            fixture.Project.Project,
            "--base-cache",
            fixture.Cache,
            "--baselines",
            fixture.Project.Baselines,
            "--max-seconds",
            "5"
        );
        Assert.True(code == 2, output);
        Assert.Contains("error PG0014: the base build failed", output);
        Assert.Matches(@"TinyCnn\.cs\(\d+,\d+\): error CS\d+", output); // the compiler's own line, from the base build's output
        Assert.DoesNotContain("PG1002", output);
    }

    [Fact]
    public void An_unknown_ref_is_a_clear_error()
    {
        var (code, output) = fixture.Project.Perfgate(
            "check",
            "--against",
            "no-such-branch",
            "--project",
            fixture.Project.Project,
            "--base-cache",
            fixture.Cache,
            "--baselines",
            fixture.Project.Baselines
        );
        Assert.True(code == 2, output);
        Assert.Contains("error PG0013: --against no-such-branch: no such commit, branch or tag", output);
    }
}
