using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PerfGate.Core;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using PerfGate.Orchestration;
using PerfGate.Orchestration.Against;
using PerfGate.Orchestration.Building;

namespace PerfGate.Tasks;

/// <summary>
/// Runs the measuring host (PerfGate.Host.dll) on the user's build output, the way `dotnet test` runs its test host:
/// `dotnet exec --runtimeconfig X.runtimeconfig.json --depsfile X.deps.json PerfGate.Host.dll check --request FILE`, so the
/// measurement loads the user's TorchSharp, libtorch backend and PerfGate.Torch, and TorchSharp never loads into the MSBuild
/// node. A timeout stops it; its report becomes errors and warnings carrying PG codes, the baseline file and the metric's line.
/// With <see cref="Approve"/> it starts nothing: approving moves received files onto verified ones, here in MSBuild, under the
/// policy every host shares (<see cref="BaselineApprover"/>: refused under CI, all of a model's files or none).
/// </summary>
public sealed class PerfGateCheck : ToolTask
{
    private readonly StringBuilder _stderr = new();

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
    public bool Approve { get; set; }
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

    protected override string ToolName => "dotnet";

    // The measuring process's stdout is its result table (shown); its stderr carries progress and canonical errors.
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;
    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.Normal;

    protected override string GenerateFullPathToTool() => DotnetHost.Path;

    private string RequestFile => ReportFile + ".request.json";

    protected override string GenerateCommandLineCommands()
    {
        var args = new CommandLineBuilder();
        args.AppendSwitch("exec");
        args.AppendSwitchIfNotNull("--runtimeconfig ", RuntimeConfig);
        args.AppendSwitchIfNotNull("--depsfile ", DepsFile);
        args.AppendFileNameIfNotNull(HostAssembly);
        args.AppendSwitch("check");
        args.AppendSwitchIfNotNull("--request ", RequestFile);
        return args.ToString();
    }

    private bool _strict;
    private int _timeoutSeconds;

    /// <summary>The request the host reads: the same options `perfgate check` takes, validated there once.</summary>
    private HostRequest Request() =>
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
            new SideLayout(HostAssembly, RuntimeConfig, DepsFile, WorkloadAssembly ?? ""),
            string.IsNullOrWhiteSpace(BaseCache) ? null : BaseCache
        );

    public override bool Execute()
    {
        if (Approve)
            return ApproveHere();
        HostRequest request;
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
        Timeout = checked(_timeoutSeconds * 1000);
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
        AtomicFile.Write(RequestFile, PerfGateJson.Serialize(request));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var succeeded = base.Execute();
        // ToolTask returns false without logging an error when it kills a process that ran past its timeout.
        if (!succeeded && !_reported)
            Report(timedOut: clock.Elapsed.TotalSeconds >= _timeoutSeconds);
        return succeeded && !Log.HasLoggedErrors;
    }

    private bool ApproveHere()
    {
        try
        {
            var approved = BaselineApprover.ApproveAll(
                new BaselinePaths(BaselinesDirectory),
                [null],
                force: false,
                Environment.GetEnvironmentVariable("CI"),
                "Run the gate first (dotnet test -c Release, or dotnet build -c Release -t:PerfGate): it writes them."
            );
            foreach (var line in BaselineApprover.Lines(approved))
                Log.LogMessage(MessageImportance.High, "{0}", line);
            return true;
        }
        catch (PerfGateException e)
        {
            Log.LogError(null, e.Code, null, e.File ?? ProjectFile, e.Line, 0, 0, 0, "{0}", e.Message);
            return false;
        }
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        if (messageImportance == StandardErrorImportanceToUse)
            _stderr.AppendLine(singleLine);
        base.LogEventsFromTextOutput(singleLine, messageImportance); // canonical "file(line): error PGnnnn: ..." lines become errors here
    }

    protected override bool HandleTaskExecutionErrors()
    {
        Report(timedOut: false);
        return !Log.HasLoggedErrors;
    }

    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        var exit = base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
        if (exit == 0)
            Report(timedOut: false);
        return exit;
    }

    private bool _reported;

    private void Report(bool timedOut)
    {
        _reported = true;
        if (Approve && !timedOut)
            return;
        var report = File.Exists(ReportFile) ? File.ReadAllText(ReportFile) : null;
        var outcome = GateDiagnostics.From(ExitCode, timedOut, report, _strict, _stderr.ToString(), _timeoutSeconds);
        foreach (var d in outcome.Diagnostics)
        {
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
        }
        Passed = outcome.Passed;
    }
}
