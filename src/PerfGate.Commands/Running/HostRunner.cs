using System.Diagnostics;
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

namespace PerfGate.Commands.Running;

/// <summary>
/// Runs models the way `dotnet test` runs tests: builds the user's project, then starts PerfGate.Host on that build output
/// (`dotnet exec --runtimeconfig … --depsfile … PerfGate.Host.dll run --request FILE --answer FILE`), so the model runs with
/// the project's own TorchSharp, libtorch backend, workloads and native-library fix, and this process loads none of them.
/// The host's progress is passed on; its error comes back as the same <see cref="PerfGateException"/> (code, file, line, exit).
/// </summary>
public sealed class HostRunner(string project, string configuration, Action<string> progress) : IModelRunner
{
    private SideLayout? _layout;

    /// <summary>The build output the host runs on, built on first use (a command that needs no model builds nothing).</summary>
    private SideLayout Layout => _layout ??= Build();

    public string? DefaultAssembly => Layout.TargetPath;

    /// <summary>This project's build as head of a side-by-side measurement (the stored gate's confirmation against the approved
    /// commit), with base's builds kept in <paramref name="cache"/>.</summary>
    public SideBySide SideBySide(string? cache) => new(Path.GetFullPath(project), configuration, Layout, cache);

    public IReadOnlyList<ModelInfo> Models(string? assembly) =>
        Call<ModelInfo[]>(new RunnerCall(RunnerCall.CurrentProtocol, "models", Assembly: assembly), progress);

    public FlopReport Flops(string model, string? assembly, int batch) =>
        Call<FlopReport>(new RunnerCall(RunnerCall.CurrentProtocol, "flops", model, assembly, batch), progress);

    public MeasurementResult Measure(string model, string? assembly, MeasurePlan plan, SamplerSettings settings, Action<string> progress) =>
        Call<MeasurementResult>(
            new RunnerCall(RunnerCall.CurrentProtocol, "measure", model, assembly, Plan: plan, Settings: settings),
            progress
        );

    public IReadOnlyList<ModelOutcome> Check(CheckRequest request, Action<string> progress) =>
        Call<ModelOutcome[]>(new RunnerCall(RunnerCall.CurrentProtocol, "check", Check: request), progress);

    public IReadOnlyList<string> Record(CheckRequest request, int runs, Action<string> progress) =>
        Call<string[]>(new RunnerCall(RunnerCall.CurrentProtocol, "record", Check: request, Runs: runs), progress);

    public SlopeReport Slope(int batch, int threads, string device, double seconds, Action<string> progress) =>
        Call<SlopeReport>(
            new RunnerCall(RunnerCall.CurrentProtocol, "slope", Batch: batch, Threads: threads, Device: device, Seconds: seconds),
            progress
        );

    public OverheadAnswer Overhead(OverheadCall call, Action<string> progress) =>
        Call<OverheadAnswer>(new RunnerCall(RunnerCall.CurrentProtocol, "overhead", Overhead: call), progress);

    private SideLayout Build()
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

    private T Call<T>(RunnerCall call, Action<string> onProgress)
    {
        var layout = Layout;
        var folder = Directory.CreateTempSubdirectory("perfgate-run-").FullName;
        try
        {
            var (request, answer) = (Path.Combine(folder, "request.json"), Path.Combine(folder, "answer.json"));
            File.WriteAllText(request, PerfGateJson.Serialize(call));
            var info = layout.HostStart("run", "--request", request, "--answer", answer);
            var lines = new List<string>();
            using var process = Process.Start(info)
                ?? throw new PerfGateException(
                    GateDiagnostics.ProcessCrashed,
                    "the measuring host could not be started.",
                    layout.HostAssembly,
                    exitCode: ExitCodes.MeasuredProcessFailed
                );
            void OnLine(string? line)
            {
                if (line is null)
                    return;
                lock (lines)
                    lines.Add(line);
                if (PerfGateException.FromCanonicalLine(line, 0) is null)
                    onProgress(line);
            }
            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            if (process.ExitCode == 0 && File.Exists(answer))
                return JsonSerializer.Deserialize<T>(File.ReadAllText(answer), PerfGateJson.Options)
                    ?? throw new PerfGateException(
                        GateDiagnostics.ProcessCrashed,
                        "the measuring host answered nothing.",
                        layout.HostAssembly,
                        exitCode: ExitCodes.MeasuredProcessFailed
                    );
            throw Failure(process.ExitCode, lines, layout);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temp folder is harmless
            }
        }
    }

    /// <summary>The host's own error (its last canonical line) as it was, else PG2004 with the host's last lines.</summary>
    private static PerfGateException Failure(int exitCode, List<string> lines, SideLayout layout) =>
        lines.Select(l => PerfGateException.FromCanonicalLine(l, exitCode)).LastOrDefault(e => e is not null)
        ?? new PerfGateException(
            GateDiagnostics.ProcessCrashed,
            $"the measuring host stopped with exit code {exitCode}: {string.Join(" | ", lines.TakeLast(5))}",
            layout.HostAssembly,
            exitCode: ExitCodes.MeasuredProcessFailed
        );
}
