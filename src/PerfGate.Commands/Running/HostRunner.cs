using System.Text.Json;
using PerfGate.Core;
using PerfGate.Core.Flops;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Running;
using PerfGate.Core.Serialization;
using PerfGate.Core.Slope;
using PerfGate.Orchestration.Against;
using PerfGate.Orchestration.Building;
using PerfGate.Orchestration.Hosting;

namespace PerfGate.Commands.Running;

/// <summary>
/// Runs models the way `dotnet test` runs tests: builds the user's project, then starts PerfGate.Host on that build output
/// (`dotnet exec --runtimeconfig … --depsfile … PerfGate.Host.dll serve`, spoken to through the one host client), so the model runs with
/// the project's own TorchSharp, libtorch backend, workloads and native-library fix, and this process loads none of them.
/// The host's progress is passed on; its error comes back as the same <see cref="PerfGateException"/> (code, file, line, exit).
/// </summary>
internal sealed class HostRunner(string project, string configuration, Action<string> progress) : IModelRunner
{
    private HostLayout? _layout;

    /// <summary>The build output the host runs on, built on first use (a command that needs no model builds nothing).</summary>
    private HostLayout Layout => _layout ??= Build();

    public string? DefaultAssembly => Layout.TargetPath;

    /// <summary>This project's build as head of a side-by-side measurement (the stored gate's confirmation against the approved
    /// commit), with base's builds kept in <paramref name="cache"/>.</summary>
    public SideBySide SideBySide(string? cache) => new(Path.GetFullPath(project), configuration, Layout, cache);

    public IReadOnlyList<ModelInfo> Models(string? assembly) => Call<ModelInfo[]>(new RunnerCall("models", Assembly: assembly), progress);

    public FlopReport Flops(string model, string? assembly, int batch) =>
        Call<FlopReport>(new RunnerCall("flops", model, assembly, batch), progress);

    public MeasurementResult Measure(string model, string? assembly, MeasurePlan plan, SamplerSettings settings, Action<string> progress) =>
        Call<MeasurementResult>(new RunnerCall("measure", model, assembly, Plan: plan, Settings: settings), progress);

    public IReadOnlyList<ModelOutcome> Check(CheckRequest request, Action<string> progress) =>
        Call<ModelOutcome[]>(new RunnerCall("check", Check: request), progress);

    public IReadOnlyList<string> Snapshot(CheckRequest request, int runs, Action<string> progress) =>
        Call<string[]>(new RunnerCall("snapshot", Check: request, Runs: runs), progress);

    public SlopeReport Slope(int batch, int threads, string device, double seconds, Action<string> progress) =>
        Call<SlopeReport>(new RunnerCall("slope", Batch: batch, Threads: threads, Device: device, Seconds: seconds), progress);

    public OverheadAnswer Overhead(OverheadCall call, Action<string> progress) =>
        Call<OverheadAnswer>(new RunnerCall("overhead", Overhead: call), progress);

    private HostLayout Build()
    {
        var path = Path.GetFullPath(project);
        if (!File.Exists(path))
            throw new PerfGateException(ErrorCodes.BadOption, "--project names no project file.", path);
        progress($"building {Path.GetFileName(path)} ({configuration}) to run the model on its build ...");
        var layout = ProjectBuild.Build(path, configuration, "project");
        if (!File.Exists(layout.HostAssembly))
            throw new PerfGateException(
                ErrorCodes.NoMeasuringHost,
                "the project's build has no measuring host (PerfGate.Host.dll): add the PerfGate package to the project "
                    + "(with PerfGate.Torch and a libtorch backend such as TorchSharp-cpu), then run again.",
                path
            );
        return layout.Require("project");
    }

    /// <summary>One call, answered by the measuring host on the project's build through the one host client.</summary>
    private T Call<T>(RunnerCall call, Action<string> onProgress) => HostCalls.Call<T>(Layout, call, onProgress, Timeout.InfiniteTimeSpan);
}
