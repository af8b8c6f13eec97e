namespace PerfGate.Core.Gate;

/// <summary>
/// Everything `perfgate check` (and the MSBuild task through it) asks for, validated once into a consistent request: either
/// a recorded results file, judged alone, or models to measure (named, --all, or those declared in --assembly), optionally one
/// shard of them.
/// </summary>
internal sealed record CheckRequest(
    IReadOnlyList<string> Models,
    bool All,
    string? Assembly,
    string? Shard,
    string? ResultsFile,
    string Baselines,
    string? Batches,
    double MaxSeconds,
    int Threads,
    string Device,
    double InjectedSlowdown = 0,
    string Command = "check",
    bool CountsOnly = false
)
{
    /// <summary>
    /// Names split on ';', trimmed, de-duplicated (<see cref="ModelName.Selection"/>: a selection that names nothing is PG0012);
    /// the combinations that would silently ignore an option are refused.
    /// </summary>
    public CheckRequest Validate()
    {
        var names = ModelName.Selection(Models);
        if (names.Count > 0 && All)
            throw new PerfGateException(ErrorCodes.BadOption, "give --model or --all, not both.");
        if (names.FirstOrDefault(n => n.StartsWith('-')) is { } option)
            throw new PerfGateException(
                ErrorCodes.BadOption,
                $"'{option}' is not a model name (an unknown option?). Run 'perfgate {Command} --help' for the options."
            );
        if (ResultsFile is not null)
        {
            var ignored = new[]
            {
                ("--model", names.Count > 0),
                ("--all", All),
                ("--assembly", Assembly is not null),
                ("--shard", Shard is not null),
                ("--batch", Batches is not null),
                ("--inject-slowdown", InjectedSlowdown != 0),
                ("--counts-only", CountsOnly),
            }
                .Where(o => o.Item2)
                .Select(o => o.Item1)
                .ToArray();
            if (ignored.Length > 0)
                throw new PerfGateException(
                    ErrorCodes.BadOption,
                    $"--results judges the one recorded measurement as it is; {string.Join(", ", ignored)} cannot apply to it. Drop "
                        + $"{(ignored.Length == 1 ? "it" : "them")}, or measure instead of --results."
                );
        }
        if (!(InjectedSlowdown >= 0 && InjectedSlowdown <= 10))
            throw new PerfGateException(
                ErrorCodes.BadOption,
                $"--inject-slowdown must lie between 0 and 10, not {Numbers.Plain(InjectedSlowdown)}."
            );
        Measurements.MeasurePlan.CheckThreads(Threads);
        Options(); // the batch list and the budget, each by its one rule
        foreach (var name in names)
            ModelName.Check(name);
        return this with { Models = names };
    }

    /// <summary>The measuring options of this request (its batch list parsed, its budget checked), for <paramref name="runs"/>
    /// runs.</summary>
    public GateOptions Options(int runs = 1) =>
        new GateOptions(Batches is null ? null : Measurements.MeasurePlan.ParseBatches(Batches), MaxSeconds, runs, CountsOnly).Validate();

    /// <summary>
    /// The models to gate, in order, each in its declared spelling (<see cref="ModelName.Resolve"/>; an unknown name is PG0002):
    /// named ones; else the assembly's workloads; else with --all every model with a baseline folder; else alexnet.
    /// </summary>
    public IReadOnlyList<string> SelectModels(IReadOnlyList<string> declared, IReadOnlyList<string> builtIn)
    {
        IReadOnlyList<string> models;
        if (Models.Count > 0)
            models = Models
                .Select(m => ModelName.Resolve(m, declared.Concat(builtIn)) ?? throw ModelName.Unknown(m, builtIn, declared))
                .Distinct()
                .ToArray();
        else if (Assembly is not null)
            models =
                declared.Count > 0
                    ? declared
                    : throw new PerfGateException(
                        ErrorCodes.NoWorkloads,
                        "declares no IPerfGateWorkload class and no --model was named: nothing to gate.",
                        Assembly
                    );
        else if (!All)
            models = ["alexnet"];
        else
        {
            var approved = System.IO.Directory.Exists(Baselines)
                ? System
                    .IO.Directory.EnumerateDirectories(Baselines)
                    .Select(Path.GetFileName)
                    .OfType<string>()
                    .Where(builtIn.Contains)
                    .Order(StringComparer.Ordinal)
                    .ToArray()
                : [];
            models = approved.Length > 0 ? approved : ["alexnet"];
        }
        return Shard is null ? models : Gate.Shard.Parse(Shard).Select(models);
    }
}
