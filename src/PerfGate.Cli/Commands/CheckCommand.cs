using System.CommandLine;
using PerfGate.Core;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Reports;
using PerfGate.Core.Serialization;
using PerfGate.Reports;
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
        var model = new Option<string[]>("--model", "-m") { Description = "Model(s) to check: built-in names or workloads declared in --assembly; repeat, or separate with ';'. Default: alexnet, or every workload in --assembly.", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Check every workload declared in --assembly, else every model with a folder under the baselines folder (alexnet when there is none)." };
        var assembly = new Option<string?>("--assembly") { Description = "A built assembly whose IPerfGateWorkload classes are gated too (your own models)." };
        var shard = new Option<string?>("--shard") { Description = "Check only shard k of n of the models (k/n), for a CI matrix." };
        var report = new Option<string?>("--report") { Description = "Also write the JSON report to this file (the MSBuild task reads it)." };
        var results = new Option<string?>("--results") { Description = "Compare this results file (from 'perfgate measure') instead of measuring." };
        var baselines = new Option<string>("--baselines") { Description = "The baselines folder.", DefaultValueFactory = _ => "baselines" };
        var batches = new Option<string?>("--batch", "-b") { Description = "Batch sizes (default: those in the baseline, else 1,2,4,8,16,32)." };
        var maxSeconds = new Option<double>("--max-seconds") { Description = "Measuring budget per model; confirming a suspected regression takes up to as much again.", DefaultValueFactory = _ => MeasurePlan.DefaultMaxSeconds };
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 1) on INCONCLUSIVE and on a device with no baseline." };
        var summary = new Option<string?>("--summary") { Description = "Also write the Markdown summary to this file (for CI job summaries)." };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the measured results.", DefaultValueFactory = _ => "results" };
        var approveCommand = new Option<string>("--approve-command") { Description = "The approve command to print (build hosts print their own).", DefaultValueFactory = _ => ApproveCommand, Hidden = true };
        var slowdown = new Option<double>("--inject-slowdown") { Description = "Benchmarking the gate itself: slow every forward pass by this fraction.", Hidden = true };
        var json = CommonOptions.Json();
        var command = new Command("check", "Compare measured figures with the approved baselines: counted metrics exactly, throughput by threshold and Mann-Whitney U, re-measuring before a failure.")
        {
            model, all, assembly, shard, results, baselines, batches, maxSeconds, threads, device, strict, summary, report, output, approveCommand, slowdown, json,
        };
        command.SetAction(parse => CommandRunner.Guard(stderr, () =>
        {
            var paths = new BaselinePaths(parse.GetValue(baselines)!);
            var session = new CheckSession(paths, ToleranceConfig.Load(paths.Root), PerfGateVersion.Current, GitCommit.Current());
            var progress = CommandRunner.Progress(stderr);
            var verdicts = new List<ModelVerdict>();
            var measured = new List<MeasurementResult>();

            if (parse.GetValue(results) is { } file)
            {
                measured.Add(ResultReader.Read(file));
                verdicts.Add(session.Check(measured[0], remeasure: null));
            }
            else
            {
                var discovered = parse.GetValue(assembly) is { } dll ? WorkloadDiscovery.FromAssembly(dll) : [];
                var names = Models(parse.GetValue(model) ?? [], parse.GetValue(all), parse.GetValue(assembly), discovered, paths).ToArray();
                if (parse.GetValue(shard) is { } slice) names = Shard.Parse(slice).Select(names).ToArray();
                foreach (var name in names)
                {
                    var workload = SlowedModule.Wrap(BuiltInWorkloads.Find(name, discovered), parse.GetValue(slowdown));
                    var plan = Plan(parse.GetValue(batches), parse.GetValue(device)!, parse.GetValue(threads), parse.GetValue(maxSeconds), workload, paths);
                    var current = MeasurementEngine.Measure(workload, plan, new SamplerSettings(), progress);
                    ResultFiles.Write(current, parse.GetValue(output)!);
                    measured.Add(current);
                    verdicts.Add(session.Check(current, suspected =>
                    {
                        progress($"{name}: batch {string.Join(", ", suspected)} looks regressed; measuring again to confirm");
                        // As much time again, for the suspected batches only: the confirmation sees more rounds than the first look.
                        return MeasurementEngine.Measure(workload, plan with { Batches = suspected }, new SamplerSettings(), progress);
                    }));
                }
            }

            var checkReport = CheckReport.Of(verdicts, parse.GetValue(approveCommand) == ApproveCommand
                ? ApproveCommand + (verdicts.Count == 1 ? $" --model {verdicts[0].Model}" : " --all")
                : parse.GetValue(approveCommand)!);
            ReportWriter.Write(ReportCommand.Reports(measured, verdicts, paths), Path.Combine(parse.GetValue(output)!, "report"), checkReport.ApproveCommand);
            if (parse.GetValue(summary) is { } summaryFile) AtomicFile.Write(summaryFile, CheckText.Markdown(checkReport));
            if (parse.GetValue(report) is { } reportFile) AtomicFile.Write(reportFile, PerfGateJson.Serialize(checkReport));
            stdout.Write(parse.GetValue(json) ? PerfGateJson.Serialize(checkReport) : CheckText.Render(checkReport));
            return checkReport.ExitCode(parse.GetValue(strict));
        }));
        return command;
    }

    private static IEnumerable<string> Models(string[] models, bool all, string? assembly, IReadOnlyList<Workload> discovered, BaselinePaths paths)
    {
        var named = models.SelectMany(m => m.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToArray();
        if (named.Length > 0 && all) throw new PerfGateException("PG0005", "give --model or --all, not both.");
        if (named.Length > 0) return named;
        if (assembly is not null)
            return discovered.Count > 0 ? discovered.Select(w => w.Name)
                : throw new PerfGateException("PG0009", "declares no IPerfGateWorkload class and no --model was named: nothing to gate.", assembly);
        if (!all) return ["alexnet"];
        var approved = Directory.Exists(paths.Root)
            ? Directory.EnumerateDirectories(paths.Root).Select(Path.GetFileName).OfType<string>().Where(n => BuiltInWorkloads.All.Any(w => w.Name == n)).Order().ToArray()
            : [];
        return approved.Length > 0 ? approved : ["alexnet"];
    }

    /// <summary>Batches asked for, else those of this device's verified baseline, else the workload's own, else the defaults.</summary>
    private static MeasurePlan Plan(string? batches, string device, int threads, double maxSeconds, Workload workload, BaselinePaths paths)
    {
        var sizes = workload.Batches ?? MeasurePlan.DefaultBatches;
        if (batches is not null) sizes = MeasurePlan.ParseBatches(batches);
        else
        {
            TorchSettings.Apply(threads);
            var verified = paths.Verified(workload.Name, FingerprintProbe.Probe(DeviceSelector.Resolve(device), threads).Class);
            if (File.Exists(verified)) sizes = BaselineJson.Read(verified, workload.Name).Throughput.Keys.Order().ToArray();
        }
        return new MeasurePlan(sizes, device, threads, maxSeconds).Validate();
    }
}
