using System.CommandLine;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;

namespace PerfGate.Commands.Verbs;

/// <summary>The options that choose and measure models, shared by `check` and `approve --runs`.</summary>
internal sealed class GateCommandOptions
{
    private readonly Option<string[]> _model = new("--model", "-m")
    {
        Description =
            "Model(s): built-in names or workloads declared in --assembly; repeat, or separate with ';'. Default: alexnet, or every "
            + "workload in --assembly.",
        AllowMultipleArgumentsPerToken = true,
    };
    private readonly Option<bool> _all = new("--all")
    {
        Description =
            "Every workload declared in --assembly, else every model with a folder under the baselines folder (alexnet when there is "
            + "none).",
    };
    private readonly Option<string?> _assembly = CommonOptions.Assembly();
    private readonly Option<string?> _shard = new("--shard") { Description = "Only shard k of n of the models (k/n), for a CI matrix." };
    private readonly Option<string> _baselines = new("--baselines")
    {
        Description = "The baselines folder.",
        DefaultValueFactory = _ => "baselines",
    };
    private readonly Option<string?> _batches = new("--batch", "-b")
    {
        Description = "Batch sizes (default: those in the baseline, else the model's own, else 1,2,4,8,16,32).",
    };
    private readonly Option<double> _maxSeconds = new("--max-seconds")
    {
        Description = "Measuring budget per model and run; confirming a suspected regression takes up to as much again.",
        DefaultValueFactory = _ => MeasurePlan.DefaultMaxSeconds,
    };
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<double> _slowdown = new("--inject-slowdown")
    {
        Description = "Benchmarking the gate itself: slow every forward pass by this fraction.",
        Hidden = true,
    };

    public void AddTo(Command command)
    {
        foreach (
            var option in new Option[] { _model, _all, _assembly, _shard, _baselines, _batches, _maxSeconds, _threads, _device, _slowdown }
        )
            command.Options.Add(option);
    }

    /// <param name="command">The command these options belong to, named in messages ("run 'perfgate approve --help'").</param>
    public CheckRequest Request(ParseResult parse, string command = "check") =>
        new(
            parse.GetValue(_model) ?? [],
            parse.GetValue(_all),
            parse.GetValue(_assembly),
            parse.GetValue(_shard),
            null,
            parse.GetValue(_baselines)!,
            parse.GetValue(_batches),
            parse.GetValue(_maxSeconds),
            parse.GetValue(_threads),
            parse.GetValue(_device)!,
            parse.GetValue(_slowdown),
            command
        );
}
