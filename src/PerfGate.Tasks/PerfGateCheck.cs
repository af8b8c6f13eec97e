using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PerfGate.Core.Gate;

namespace PerfGate.Tasks;

/// <summary>
/// Runs `perfgate check` (or `approve`) in its own process, never loading TorchSharp into the MSBuild node, with a timeout,
/// and turns its report into errors and warnings carrying PG codes, the baseline file and the metric's line.
/// </summary>
public sealed class PerfGateCheck : ToolTask
{
    private readonly StringBuilder _stderr = new();

    /// <summary>perfgate.dll, run with the dotnet host that runs this build.</summary>
    [Required] public string PerfGateAssembly { get; set; } = "";
    [Required] public string BaselinesDirectory { get; set; } = "";
    [Required] public string ReportFile { get; set; } = "";

    /// <summary>The built assembly whose IPerfGateWorkload classes are gated.</summary>
    public string? WorkloadAssembly { get; set; }
    public string? Models { get; set; }
    public string? Shard { get; set; }
    public string Device { get; set; } = "auto";
    public int Threads { get; set; } = 1;
    public double MaxSeconds { get; set; } = 30;
    public bool Strict { get; set; }
    public bool Approve { get; set; }
    public string? SummaryFile { get; set; }
    public string? ResultsDirectory { get; set; }
    public string? ApproveCommand { get; set; }
    public int TimeoutSeconds { get; set; } = 900;

    /// <summary>True when the gate passed without anything to approve: the target may then record it as up to date.</summary>
    [Output] public bool Passed { get; private set; }

    protected override string ToolName => "dotnet";

    // The measuring process's stdout is its result table (shown); its stderr carries progress and canonical errors.
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;
    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.Normal;

    protected override string GenerateFullPathToTool() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    protected override string GenerateCommandLineCommands()
    {
        var args = new CommandLineBuilder();
        args.AppendFileNameIfNotNull(PerfGateAssembly);
        if (Approve)
        {
            args.AppendSwitch("approve");
            args.AppendSwitch("--all");
            args.AppendSwitchIfNotNull("--baselines ", BaselinesDirectory);
            return args.ToString();
        }
        args.AppendSwitch("check");
        args.AppendSwitchIfNotNull("--assembly ", WorkloadAssembly);
        if (!string.IsNullOrWhiteSpace(Models)) args.AppendSwitchIfNotNull("--model ", Models);
        if (!string.IsNullOrWhiteSpace(Shard)) args.AppendSwitchIfNotNull("--shard ", Shard);
        args.AppendSwitchIfNotNull("--baselines ", BaselinesDirectory);
        args.AppendSwitchIfNotNull("--device ", Device);
        args.AppendSwitchIfNotNull("--threads ", Threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        args.AppendSwitchIfNotNull("--max-seconds ", MaxSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        args.AppendSwitchIfNotNull("--report ", ReportFile);
        args.AppendSwitchIfNotNull("--summary ", SummaryFile);
        args.AppendSwitchIfNotNull("--out ", ResultsDirectory);
        args.AppendSwitchIfNotNull("--approve-command ", ApproveCommand);
        if (Strict) args.AppendSwitch("--strict");
        return args.ToString();
    }

    public override bool Execute()
    {
        Timeout = checked(TimeoutSeconds * 1000);
        if (File.Exists(ReportFile)) File.Delete(ReportFile);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var succeeded = base.Execute();
        // ToolTask returns false without logging an error when it kills a process that ran past its timeout.
        if (!succeeded && !_reported) Report(timedOut: clock.Elapsed.TotalSeconds >= TimeoutSeconds);
        return succeeded && !Log.HasLoggedErrors;
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        if (messageImportance == StandardErrorImportanceToUse) _stderr.AppendLine(singleLine);
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
        if (exit == 0) Report(timedOut: false);
        return exit;
    }

    private bool _reported;

    private void Report(bool timedOut)
    {
        _reported = true;
        if (Approve && !timedOut) return;
        var report = File.Exists(ReportFile) ? File.ReadAllText(ReportFile) : null;
        var outcome = GateDiagnostics.From(ExitCode, timedOut, report, Strict, _stderr.ToString(), TimeoutSeconds);
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
