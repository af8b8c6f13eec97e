using System.CommandLine;
using PerfGate.Core;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Reports;
using PerfGate.Core.Serialization;
using PerfGate.Torch.Measurement;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Workloads;

namespace PerfGate.Cli.Commands;

/// <summary>perfgate check: measure (or read results), compare with the approved baselines, decide PASS / FAIL / INCONCLUSIVE.</summary>
internal static class CheckCommand
{
    public const string ApproveCommand = "dotnet run --project src/PerfGate.Cli -c Release -- approve";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = new Option<string?>("--model", "-m") { Description = "Model to check (default: alexnet)." };
        var all = new Option<bool>("--all") { Description = "Check every model that has a folder under the baselines folder (alexnet when there is none)." };
        var results = new Option<string?>("--results") { Description = "Compare this results file (from 'perfgate measure') instead of measuring." };
        var baselines = new Option<string>("--baselines") { Description = "The baselines folder.", DefaultValueFactory = _ => "baselines" };
        var batches = new Option<string?>("--batch", "-b") { Description = "Batch sizes (default: those in the baseline, else 1,2,4,8,16,32)." };
        var maxSeconds = new Option<double>("--max-seconds") { Description = "Measuring budget per model; confirming a suspected regression takes up to as much again.", DefaultValueFactory = _ => MeasurePlan.DefaultMaxSeconds };
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 1) on INCONCLUSIVE and on a device with no baseline." };
        var summary = new Option<string?>("--summary") { Description = "Also write the Markdown summary to this file (for CI job summaries)." };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the measured results.", DefaultValueFactory = _ => "results" };
        var slowdown = new Option<double>("--inject-slowdown") { Description = "Benchmarking the gate itself: slow every forward pass by this fraction.", Hidden = true };
        var json = CommonOptions.Json();
        var command = new Command("check", "Compare measured figures with the approved baselines: counted metrics exactly, throughput by threshold and Mann-Whitney U, re-measuring before a failure.")
        {
            model, all, results, baselines, batches, maxSeconds, threads, device, strict, summary, output, slowdown, json,
        };
        command.SetAction(parse => CommandRunner.Guard(stderr, () =>
        {
            var paths = new BaselinePaths(parse.GetValue(baselines)!);
            var session = new CheckSession(paths, ToleranceConfig.Load(paths.Root), PerfGateVersion.Current, GitCommit.Current());
            var progress = CommandRunner.Progress(stderr);
            var verdicts = new List<ModelVerdict>();

            if (parse.GetValue(results) is { } file)
                verdicts.Add(session.Check(ResultReader.Read(file), remeasure: null));
            else
            {
                foreach (var name in Models(parse.GetValue(model), parse.GetValue(all), paths))
                {
                    var workload = SlowedModule.Wrap(BuiltInWorkloads.Find(name), parse.GetValue(slowdown));
                    var plan = Plan(parse.GetValue(batches), parse.GetValue(device)!, parse.GetValue(threads), parse.GetValue(maxSeconds), workload.Name, paths);
                    var current = MeasurementEngine.Measure(workload, plan, new SamplerSettings(), progress);
                    ResultFiles.Write(current, parse.GetValue(output)!);
                    verdicts.Add(session.Check(current, suspected =>
                    {
                        progress($"{name}: batch {string.Join(", ", suspected)} looks regressed; measuring again to confirm");
                        return MeasurementEngine.Measure(workload, plan with { Batches = suspected, MaxSeconds = plan.MaxSeconds * suspected.Count / plan.Batches.Count }, new SamplerSettings(), progress);
                    }));
                }
            }

            var report = CheckReport.Of(verdicts, ApproveCommand + (verdicts.Count == 1 ? $" --model {verdicts[0].Model}" : " --all"));
            if (parse.GetValue(summary) is { } summaryFile) AtomicFile.Write(summaryFile, CheckText.Markdown(report));
            stdout.Write(parse.GetValue(json) ? PerfGateJson.Serialize(report) : CheckText.Render(report));
            return report.ExitCode(parse.GetValue(strict));
        }));
        return command;
    }

    private static IEnumerable<string> Models(string? model, bool all, BaselinePaths paths)
    {
        if (model is not null && all) throw new PerfGateException("PG0005", "give --model or --all, not both.");
        if (!all) return [model ?? "alexnet"];
        var approved = Directory.Exists(paths.Root)
            ? Directory.EnumerateDirectories(paths.Root).Select(Path.GetFileName).OfType<string>().Where(n => BuiltInWorkloads.All.Any(w => w.Name == n)).Order().ToArray()
            : [];
        return approved.Length > 0 ? approved : ["alexnet"];
    }

    /// <summary>Batches asked for, else those of this device's verified baseline, else the defaults.</summary>
    private static MeasurePlan Plan(string? batches, string device, int threads, double maxSeconds, string model, BaselinePaths paths)
    {
        IReadOnlyList<int> sizes = MeasurePlan.DefaultBatches;
        if (batches is not null) sizes = MeasurePlan.ParseBatches(batches);
        else
        {
            TorchSettings.Apply(threads);
            var verified = paths.Verified(model, FingerprintProbe.Probe(DeviceSelector.Resolve(device), threads).Class);
            if (File.Exists(verified)) sizes = BaselineJson.Read(verified, model).Throughput.Keys.Order().ToArray();
        }
        return new MeasurePlan(sizes, device, threads, maxSeconds).Validate();
    }
}
