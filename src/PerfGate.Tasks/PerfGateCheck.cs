using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PerfGate.Core;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using PerfGate.Orchestration.Against;
using PerfGate.Orchestration.Building;
using PerfGate.Orchestration.Hosting;

namespace PerfGate.Tasks;

/// <summary>
/// Runs the measuring host (PerfGate.Host.dll) on the user's build output, the way `dotnet test` runs its test host:
/// `dotnet exec --runtimeconfig X.runtimeconfig.json --depsfile X.deps.json PerfGate.Host.dll serve`, through the one host
/// client (<see cref="HostProcess"/>), and sends it the gate's "check"; so the measurement loads the user's TorchSharp, libtorch
/// backend and PerfGate.Torch, and TorchSharp never loads into the MSBuild node. A timeout stops it; its report becomes errors
/// and warnings carrying PG codes, the baseline file and the metric's line.
/// Approving is another task (<see cref="PerfGateApprove"/>), which starts nothing.
/// </summary>
public sealed class PerfGateCheck : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private HostProcess? _host;
    private volatile bool _cancelled;

    /// <summary>PerfGate.Host.dll in the user's output folder, beside <see cref="RuntimeConfig"/> and <see cref="DepsFile"/>.</summary>
    [Required]
    public string HostAssembly { get; set; } = "";

    [Required]
    public string RuntimeConfig { get; set; } = "";

    [Required]
    public string DepsFile { get; set; } = "";

    [Required]
    public string BaselinesDirectory { get; set; } = "";

    [Required]
    public string ReportFile { get; set; } = "";

    /// <summary>The built assembly whose IPerfGateWorkload classes are gated.</summary>
    public string? WorkloadAssembly { get; set; }
    public string? Models { get; set; }
    public string? Shard { get; set; }

    // The user's properties arrive as text and are parsed by PerfGate (BuildProperty), so a bad value is PG0016 naming the
    // property, never MSBuild's own MSB4030.
    public string? Device { get; set; }
    public string? Threads { get; set; }
    public string? MaxSeconds { get; set; }
    public string? Strict { get; set; }
    public string? Throughput { get; set; }
    public string? SummaryFile { get; set; }
    public string? ResultsDirectory { get; set; }
    public string? ApproveCommand { get; set; }
    public string? TimeoutSeconds { get; set; }

    /// <summary>A git ref: measure this build against the merge-base of the ref and HEAD in one run (A/B); empty: against stored
    /// baselines.</summary>
    public string? Against { get; set; }
    public string? ProjectFile { get; set; }
    public string? Configuration { get; set; }
    public string? BaseCache { get; set; }

    /// <summary>True when the gate passed without anything to approve: the target may then record it as up to date.</summary>
    [Output]
    public bool Passed { get; private set; }

    private bool _strict;
    private int _timeoutSeconds;

    /// <summary>The request the host reads: the same options `perfgate check` takes, validated there once.</summary>
    private BuildGateRequest Request() =>
        new(
            new CheckRequest(
                string.IsNullOrEmpty(Models) ? [] : [Models!],
                All: false,
                WorkloadAssembly,
                BuildProperty.ShardOf("PerfGateShard", Shard),
                ResultsFile: null,
                BaselinesDirectory,
                Batches: null,
                BuildProperty.Seconds("PerfGateMaxSeconds", MaxSeconds, MeasurePlan.BuildGateMaxSeconds),
                BuildProperty.Whole("PerfGateThreads", Threads, 1, 1, 1024),
                BuildProperty.Choice("PerfGateDevice", Device, "auto", "auto", "cpu", "cuda"),
                CountsOnly: !BuildProperty.Bool("PerfGateThroughput", Throughput, true)
            ),
            _strict,
            ReportFile,
            SummaryFile ?? Path.ChangeExtension(ReportFile, ".md"),
            ResultsDirectory ?? Path.Combine(Path.GetDirectoryName(ReportFile)!, "results"),
            ApproveCommand ?? "",
            string.IsNullOrWhiteSpace(Against) ? null : Sides().At(Against!),
            string.IsNullOrWhiteSpace(Against) && !string.IsNullOrWhiteSpace(ProjectFile) ? Sides() : null
        );

    /// <summary>This project's build as head of a side-by-side measurement: against a ref, or against the commit a baseline was
    /// approved at when the stored gate suspects a change.</summary>
    private SideBySide Sides() =>
        new(
            ProjectFile ?? "",
            Configuration ?? "Release",
            new HostLayout(HostAssembly, RuntimeConfig, DepsFile, WorkloadAssembly ?? ""),
            string.IsNullOrWhiteSpace(BaseCache) ? null : BaseCache
        );

    public override bool Execute()
    {
        BuildGateRequest request;
        try
        {
            _strict = BuildProperty.Bool("PerfGateStrict", Strict, false);
            _timeoutSeconds = BuildProperty.Whole("PerfGateTimeoutSeconds", TimeoutSeconds, 900, 1, 7 * 24 * 3600);
            request = Request();
        }
        catch (PerfGateException e)
        {
            Log.LogError(null, e.Code, null, ProjectFile, 0, 0, 0, 0, "{0}", e.Message);
            return false;
        }
        if (File.Exists(ReportFile))
            File.Delete(ReportFile);
        foreach (
            var (what, path) in new[]
            {
                ("the measuring host", HostAssembly),
                ("the runtime configuration", RuntimeConfig),
                ("the dependency manifest", DepsFile),
            }
        )
            if (!File.Exists(path))
            {
                Log.LogError(
                    null,
                    ErrorCodes.AssemblyUnusable,
                    null,
                    path,
                    0,
                    0,
                    0,
                    0,
                    "{0} is missing from the build output ({1}); build the project (the gate's target depends on Build) and check that "
                        + "it references PerfGate.Torch.",
                    what,
                    path
                );
                return false;
            }
        try
        {
            var answer = Check(request);
            // The table first, then each finding as an error, a warning or a message with its code, file and line.
            Log.LogMessage(MessageImportance.High, "{0}", answer.Table.TrimEnd());
            var outcome = GateDiagnostics.From(answer.ExitCode, answer.Verdicts, _strict);
            foreach (var d in outcome.Diagnostics)
                switch (d.Severity)
                {
                    case Severity.Error:
                        Log.LogError(null, d.Code, null, d.File, d.Line, 0, 0, 0, "{0}", d.Message);
                        break;
                    case Severity.Warning:
                        Log.LogWarning(null, d.Code, null, d.File, d.Line, 0, 0, 0, "{0}", d.Message);
                        break;
                    default:
                        Log.LogMessage(MessageImportance.High, "{0}: {1}", d.Code, d.Message);
                        break;
                }
            Passed = outcome.Passed;
        }
        catch (PerfGateException e) when (!_cancelled)
        {
            Log.LogError(null, e.Code, null, e.File ?? ProjectFile, e.Line, 0, 0, 0, "{0}", e.Message);
        }
        catch (PerfGateException)
        {
            Log.LogMessage(MessageImportance.High, "the gate was cancelled.");
        }
        return !Log.HasLoggedErrors && !_cancelled;
    }

    /// <summary>The gate's check, asked of the measuring host on the user's output; its progress is logged as it comes (a
    /// canonical warning or error line among it is logged as one).</summary>
    private BuildGateAnswer Check(BuildGateRequest request)
    {
        using var host = HostProcess.Start(
            "measuring process",
            new HostLayout(HostAssembly, RuntimeConfig, DepsFile, WorkloadAssembly ?? ""),
            line =>
            {
                lock (Log) // lines arrive on the reader threads of both streams
                    Log.LogMessageFromText(line, MessageImportance.Normal);
            }
        );
        _host = host;
        if (_cancelled)
            host.Kill();
        var reply = host.Send(
            new HostCommand("check") { Gate = request, Protocol = HostProtocol.Version },
            TimeSpan.FromSeconds(_timeoutSeconds),
            "raise PerfGateTimeoutSeconds or lower PerfGateMaxSeconds."
        );
        return reply.Gate
            ?? throw new PerfGateException(
                ErrorCodes.ReportMissing,
                "the measuring process answered the check without its report.",
                HostAssembly,
                exitCode: ExitCodes.MeasuredProcessFailed
            );
    }

    /// <summary>A cancelled build (Ctrl+C) stops the measuring host and whatever it started.</summary>
    public void Cancel()
    {
        _cancelled = true;
        _host?.Kill();
    }
}
