using System.Diagnostics;
using System.Text.Json;

namespace PerfGate.Build.Tests;

/// <summary>
/// The libtorch backend is a build property: cpu by default, cuda on a GPU runner. The CUDA packages are not served here, so
/// this checks by evaluation (no restore) which packages each choice references, and that a bad value is a clear error.
/// </summary>
public class TorchBackendTests
{
    // The command line runs models, so it picks a backend; the library users compile against (PerfGate.Torch) never does.
    private static readonly string TorchProject = Path.Combine(FixtureProject.RepoRoot, "src", "PerfGate.Cli", "PerfGate.Cli.csproj");
    private static readonly string LibraryProject = Path.Combine(FixtureProject.RepoRoot, "src", "PerfGate.Torch", "PerfGate.Torch.csproj");

    [Theory]
    [InlineData(null, "TorchSharp-cpu")]
    [InlineData("cpu", "TorchSharp-cpu")]
    [InlineData("cuda", "TorchSharp-cuda-linux")]
    public void The_backend_property_picks_exactly_one_libtorch_package(string? backend, string expected)
    {
        var references = PackageReferences(backend);
        Assert.Contains(expected, references);
        Assert.Single(references, r => r.StartsWith("TorchSharp-", StringComparison.Ordinal));
    }

    [Fact]
    public void The_library_users_compile_against_references_TorchSharp_and_no_backend()
    {
        var (code, output) = Run("msbuild", LibraryProject, "-getItem:PackageReference", "-p:PerfGateTorchBackend=cuda");
        Assert.True(code == 0, output);
        Assert.Contains("\"TorchSharp\"", output);
        Assert.DoesNotContain("TorchSharp-", output);
    }

    [Fact]
    public void An_unknown_backend_is_an_error_naming_the_property()
    {
        // msbuild, not build: no implicit restore, so the project's real obj/ state is not touched.
        var (code, output) = Run(
            "msbuild",
            TorchProject,
            "-p:PerfGateTorchBackend=rocm",
            "-nologo",
            "-v:minimal",
            "-t:_PerfGateCheckTorchBackend"
        );
        Assert.NotEqual(0, code);
        Assert.Contains("error PG0100", output);
        Assert.Contains("'rocm'", output);
    }

    private static string[] PackageReferences(string? backend)
    {
        var (code, output) = Run(
            "msbuild",
            TorchProject,
            "-getItem:PackageReference",
            backend is null ? "-p:Unused=1" : $"-p:PerfGateTorchBackend={backend}"
        );
        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        return json
            .RootElement.GetProperty("Items")
            .GetProperty("PackageReference")
            .EnumerateArray()
            .Select(i => i.GetProperty("Identity").GetString()!)
            .ToArray();
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
