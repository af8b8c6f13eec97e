using System.CommandLine;
using PerfGate.Core;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using PerfGate.Core.Text;

namespace PerfGate.Commands.Verbs;

/// <summary>
/// perfgate profile: where one batch size's forward pass spends its time, layer by layer, joined with the FLOP table; the
/// profile rounds alternate with plain throughput rounds, so the plain pass beside it shows what the profiling cost.
/// </summary>
internal static class ProfileCommand
{
    /// <summary>The profile command gives profile rounds half of the time (measure and check give them 15%).</summary>
    private const double ProfileShare = 0.5;

    public static Command Create(TextWriter stdout, TextWriter stderr, ModelRunners runners)
    {
        var model = CommonOptions.Model();
        var assembly = CommonOptions.Assembly();
        var batch = CommonOptions.Positive(
            "--batch",
            "The batch size to profile (default: the largest batch size the model declares, the one its gate profiles).",
            0
        );
        var device = CommonOptions.Device();
        var threads = CommonOptions.Threads();
        var maxSeconds = new Option<double>("--max-seconds") { Description = "How long to measure.", DefaultValueFactory = _ => 20 };
        var json = CommonOptions.Json();
        var running = new RunnerOptions(runners);
        var command = new Command(
            "profile",
            "Per-layer time profile of one batch size: each leaf layer's median time with a 95% CI, its share, achieved GFLOP/s and "
                + "efficiency against the calibration GEMM, and the time outside the layers."
        )
        {
            model,
            assembly,
            batch,
            device,
            threads,
            maxSeconds,
            json,
        };
        running.AddTo(command);
        command.SetAction(parse => CommandGuard.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
            {
                var runner = running.Runner(parse, stderr);
                var dll = parse.GetValue(assembly) ?? runner.DefaultAssembly;
                var size = parse.GetValue(batch) is > 0 and var given ? given : DeclaredLargest(runner, parse.GetValue(model)!, dll);
                var plan = new MeasurePlan([size], parse.GetValue(device)!, parse.GetValue(threads), parse.GetValue(maxSeconds)).Validate();
                var result = runner.Measure(
                    parse.GetValue(model)!,
                    dll,
                    plan,
                    new SamplerSettings(ProfileShare: ProfileShare),
                    CommandGuard.Progress(stderr)
                );
                var measured = result.Batches.Single();
                var profile = measured.Profile
                    ?? throw new PerfGateException(
                        ErrorCodes.BadOption,
                        $"batch {measured.Batch} was not profiled: "
                            + $"{measured.Error ?? measured.Skipped ?? "no profile round fitted in the time"}; give it more time "
                            + $"(--max-seconds) or a smaller batch."
                    );
                stdout.Write(parse.GetValue(json) ? PerfGateJson.Serialize(profile) : ProfileText.Render(result.Model, profile));
                return 0;
            }));
        return command;
    }

    /// <summary>The largest of the model's declared batch sizes (`perfgate models`), which is the batch its gate profiles; the name
    /// resolved as every command resolves it (<see cref="ModelName.Resolve"/>).</summary>
    private static int DeclaredLargest(Core.Running.IModelRunner runner, string model, string? assembly)
    {
        var rows = runner.Models(assembly);
        var name = ModelName.Resolve(model, rows.Select(r => r.Name));
        var info = rows.FirstOrDefault(r => r.Name == name);
        return info is null ? MeasurePlan.DefaultBatches.Max() : MeasurePlan.ParseBatches(info.Batches).Max();
    }
}
