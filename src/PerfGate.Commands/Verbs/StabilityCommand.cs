using System.CommandLine;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using PerfGate.Core.Text;

namespace PerfGate.Commands.Verbs;

/// <summary>perfgate stability: A/A spread of raw and normalized throughput across result files of unchanged code.</summary>
internal static class StabilityCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("results")
        {
            Description = "Two or more <model>.json files written by 'perfgate measure' for the same model.",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = CommonOptions.Json();
        var command = new Command(
            "stability",
            "Compare repeated measurements of unchanged code: how far apart raw and normalized throughput lie per batch size."
        )
        {
            files,
            json,
        };
        command.SetAction(parse => CommandGuard.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
            {
                var report = StabilityReport.Of(parse.GetValue(files)!.Select(ResultReader.Read).ToArray());
                stdout.Write(parse.GetValue(json) ? PerfGateJson.Serialize(report) : StabilityText.Render(report));
                return 0;
            }));
        return command;
    }
}
