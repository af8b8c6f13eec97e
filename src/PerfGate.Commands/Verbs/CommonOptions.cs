using System.CommandLine;
using PerfGate.Core.Measurements;

namespace PerfGate.Commands.Verbs;

/// <summary>Options that several commands share, with their defaults and validation.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document to stdout instead of human output." };

    public static Option<string> Model(string defaultModel = "alexnet") =>
        new("--model", "-m")
        {
            Description = "Model to use: a built-in name (see 'perfgate models').",
            DefaultValueFactory = _ => defaultModel,
        };

    public static Option<string?> Assembly() =>
        new("--assembly") { Description = "A built assembly (your project's output) whose IPerfGateWorkload classes are used too." };

    public static Option<string> Device()
    {
        var option = new Option<string>("--device")
        {
            Description = "auto (the GPU where one exists), cpu or cuda.",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong(MeasurePlan.Devices);
        return option;
    }

    public static Option<int> Threads(int defaultThreads = 1) =>
        Positive("--threads", "Intra-op CPU threads, fixed and recorded with the result.", defaultThreads);

    public static Option<int> Positive(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            // A token that is not a number at all is reported by the parser itself.
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, out var value) && value <= 0)
                r.AddError($"{name} must be a positive whole number, not {value}.");
        });
        return option;
    }
}
