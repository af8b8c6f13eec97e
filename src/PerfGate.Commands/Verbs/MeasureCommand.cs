using System.CommandLine;
using PerfGate.Core;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using PerfGate.Core.Text;

namespace PerfGate.Commands.Verbs;

/// <summary>perfgate measure: images/sec across batch sizes, normalized by an interleaved calibration GEMM.</summary>
internal static class MeasureCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, ModelRunners runners)
    {
        var model = CommonOptions.Model();
        var assembly = CommonOptions.Assembly();
        var batches = new Option<string>("--batch", "-b")
        {
            Description = "Comma-separated batch sizes.",
            DefaultValueFactory = _ => string.Join(",", MeasurePlan.DefaultBatches),
        };
        var device = CommonOptions.Device();
        var threads = CommonOptions.Threads();
        var maxSeconds = new Option<double>("--max-seconds")
        {
            Description = "Time budget for the whole run, shared evenly by the batch sizes.",
            DefaultValueFactory = _ => MeasurePlan.DefaultMaxSeconds,
        };
        var iteration = new Option<double>("--iteration-seconds")
        {
            Description = "Length of one model (and one calibration) iteration.",
            DefaultValueFactory = _ => new SamplerSettings().IterationSeconds,
        };
        var profileShare = new Option<double>("--profile-share")
        {
            Description =
                "Share of each batch size's time for profile rounds (one pass timed layer by layer, between the throughput rounds); 0 "
                + "profiles nothing.",
            DefaultValueFactory = _ => new SamplerSettings().ProfileShare,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder for <model>.json, <model>.csv and <model>.samples.csv.",
            DefaultValueFactory = _ => "results",
        };
        var memory = new Option<string?>("--memory")
        {
            Description =
                "The memory every batch size must fit (8GiB, 512MiB): a batch whose counted peak exceeds it is reported, not run. "
                + "Default: the GPU's memory, or the memory available now.",
        };
        var json = CommonOptions.Json();
        var running = new RunnerOptions(runners);
        var command = new Command(
            "measure",
            "Measure inference images/sec per batch size (median, 95% CI, samples), normalized by an interleaved GEMM; find where "
                + "throughput flattens."
        )
        {
            model,
            assembly,
            batches,
            device,
            threads,
            maxSeconds,
            iteration,
            profileShare,
            memory,
            output,
            json,
        };
        running.AddTo(command);
        command.SetAction(parse => CommandGuard.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
            {
                var plan = new MeasurePlan(
                    MeasurePlan.ParseBatches(parse.GetValue(batches)!),
                    parse.GetValue(device)!,
                    parse.GetValue(threads),
                    parse.GetValue(maxSeconds)
                ).Validate() with
                {
                    MemoryBytes = parse.GetValue(memory) is { } given ? Core.Flops.MemoryCount.ParseBytes(given, "--memory") : null,
                };
                ResultFiles.Prepare(parse.GetValue(output)!);
                var runner = running.Runner(parse, stderr);
                if (!(parse.GetValue(profileShare) is >= 0 and < 1))
                    throw new PerfGateException(
                        ErrorCodes.BadOption,
                        $"--profile-share must lie in [0, 1), not {Numbers.Plain(parse.GetValue(profileShare))}."
                    );
                var settings = new SamplerSettings(IterationSeconds: parse.GetValue(iteration), ProfileShare: parse.GetValue(profileShare));
                var result = runner.Measure(
                    parse.GetValue(model)!,
                    parse.GetValue(assembly) ?? runner.DefaultAssembly,
                    plan,
                    settings,
                    CommandGuard.Progress(stderr)
                );
                var files = ResultFiles.Write(result, parse.GetValue(output)!);
                stdout.Write(
                    parse.GetValue(json)
                        ? PerfGateJson.Serialize(result)
                        : MeasurementText.Render(result) + $"\nwrote {string.Join(", ", files)}\n"
                );
                return 0;
            }));
        return command;
    }
}
