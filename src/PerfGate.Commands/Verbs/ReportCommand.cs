using System.CommandLine;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using PerfGate.Core.Slope;
using PerfGate.Reports;

namespace PerfGate.Commands.Verbs;

/// <summary>perfgate report: Markdown and HTML reports, charts (SVG, PNG) and CSV from results files, judged against the
/// baselines.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, string approve)
    {
        var results = new Argument<string[]>("results")
        {
            Description = "<model>.json files written by 'perfgate measure' or 'perfgate check'.",
            Arity = ArgumentArity.OneOrMore,
        };
        var baselines = new Option<string>("--baselines")
        {
            Description = "The baselines folder, to show baseline, delta, p-value and verdict.",
            DefaultValueFactory = _ => "baselines",
        };
        var slope = new Option<string?>("--slope")
        {
            Description = "A slope check written by 'perfgate slope --json', to include its table.",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder for report.md, report.html, the charts and measurements.csv.",
            DefaultValueFactory = _ => "report",
        };
        var command = new Command(
            "report",
            "Write a Markdown and an HTML report with charts of images/sec and efficiency against batch size, the FLOP table, the slope "
                + "table and the CSV of all measurements."
        )
        {
            results,
            baselines,
            slope,
            output,
        };
        command.SetAction(parse => CommandGuard.Guard(stderr, () =>
            {
                var paths = new BaselinePaths(parse.GetValue(baselines)!);
                var tolerances = ToleranceConfig.Load(paths.Root);
                var reports = parse
                    .GetValue(results)!
                    .Select(ResultReader.Read)
                    .Select(m =>
                    {
                        var approved = ApprovedBaselines.Read(paths, m.Model, m.Fingerprint.Class);
                        return new ModelReport(m, approved.Throughput?.Value, GateEvaluator.Evaluate(m, approved, tolerances));
                    })
                    .ToArray();
                var files = ReportWriter.Write(reports, parse.GetValue(output)!, approve, ReadSlope(parse.GetValue(slope)));
                foreach (var file in files)
                    stdout.WriteLine($"wrote {file}");
                return 0;
            }));
        return command;
    }

    private static SlopeReport? ReadSlope(string? path) =>
        path is null ? null : JsonFile.Read<SlopeReport>(path, "slope check (from 'perfgate slope --json')");
}
