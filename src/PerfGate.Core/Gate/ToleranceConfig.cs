using System.Text.Json;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Gate;

/// <summary>
/// baselines/perfgate.tolerances.json: defaults, then per-model and per-batch overrides. Version 1:
/// <code>
/// { "version": 1,
///   "defaults": { "throughputRegression": 0.05, "alpha": 0.01, "minSamples": 5, "maxRelativeCi": 0.10, "againstBaseRegression": 0.03,
///                 "peakMemoryGrowth": 0.5, "runnerDrift": 0.03 },
///   "models": { "alexnet": { "throughputRegression": 0.08, "batches": { "32": { "minSamples": 4 } } } } }
/// </code>
/// Any unknown key or out-of-range value is an error naming the file, the key and its line. A missing file means defaults.
/// </summary>
internal sealed class ToleranceConfig
{
    public const string FileName = "perfgate.tolerances.json";
    public const int CurrentVersion = 1;
    private static readonly string[] Keys =
    [
        "throughputRegression",
        "alpha",
        "minSamples",
        "maxRelativeCi",
        "againstBaseRegression",
        "peakMemoryGrowth",
        "runnerDrift",
    ];

    private readonly Tolerance _defaults;
    private readonly Dictionary<string, (Tolerance Model, Dictionary<int, Tolerance> Batches)> _models;

    private ToleranceConfig(Tolerance defaults, Dictionary<string, (Tolerance, Dictionary<int, Tolerance>)> models, string? source)
    {
        _defaults = defaults;
        _models = models;
        Source = source;
    }

    public string? Source { get; }

    public static ToleranceConfig Defaults { get; } = new(Tolerance.Default, [], null);

    /// <summary>
    /// Refuses overrides for models that do not exist: a typo there would otherwise be ignored in silence, and the model
    /// gated with the defaults. PG0301 naming the key's line.
    /// </summary>
    public void CheckModelsExist(IReadOnlyCollection<string> known)
    {
        if (Source is null)
            return;
        var text = File.ReadAllText(Source);
        foreach (var model in _models.Keys.Order(StringComparer.Ordinal).Where(m => !known.Contains(m)))
            throw new PerfGateException(
                ErrorCodes.BadTolerances,
                ModelName.Resolve(model, known) is { } declared
                    ? $"'models.{model}' must use the model's declared spelling, '{declared}': names in this file are matched exactly, "
                        + $"as folder names under baselines/ are."
                    : $"'models.{model}' names no model PerfGate knows (built in: or declared in the gated assembly: "
                        + $"{string.Join(", ", known.Order(StringComparer.Ordinal))}); a typo here would leave the model gated with the "
                        + $"defaults.",
                Source,
                JsonLines.Of(text, "models", model)
            );
    }

    /// <summary>The model's own tolerance (its overrides without a batch size's), for a verdict on all batch sizes together.</summary>
    public Tolerance ForModel(string model) => _models.TryGetValue(model, out var m) ? m.Model : _defaults;

    public Tolerance For(string model, int batch) =>
        _models.TryGetValue(model, out var m) ? m.Batches.GetValueOrDefault(batch, m.Model) : _defaults;

    public static ToleranceConfig Load(string baselinesRoot)
    {
        var path = Path.Combine(baselinesRoot, FileName);
        // A folder in the file's place is read (and refused) as the file, not taken for a missing file and the defaults.
        return File.Exists(path) || Directory.Exists(path)
            ? Parse(InputText.Read(path, ErrorCodes.BadTolerances, "tolerances file"), path)
            : Defaults;
    }

    public static ToleranceConfig Parse(string text, string path)
    {
        JsonDocument doc;
        try
        {
            // A key twice (a bad merge) would otherwise let the last one win in silence, a threshold of -40% among them.
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw InputText.JsonError(e, ErrorCodes.BadTolerances, "tolerances file", path, text);
        }
        using (doc)
        {
            var root = doc.RootElement;
            PerfGateException Bad(string key, string why, params string[] at) =>
                new(ErrorCodes.BadTolerances, $"'{key}' {why}", path, JsonLines.Of(text, at.Length > 0 ? at : [key.Split('.')[^1]]));
            if (root.ValueKind != JsonValueKind.Object)
                throw new PerfGateException(ErrorCodes.BadTolerances, "the file must hold a JSON object.", path, 1);
            foreach (var p in root.EnumerateObject())
                if (p.Name is not ("version" or "defaults" or "models" or "$comment"))
                    throw Bad(p.Name, "is not a known key (version, defaults, models).");
            if (
                !root.TryGetProperty("version", out var version)
                || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var v)
                || v != CurrentVersion
            )
                throw Bad("version", $"must be {CurrentVersion}.");

            var defaults = root.TryGetProperty("defaults", out var d) ? Read(d, Tolerance.Default, "defaults", Bad) : Tolerance.Default;
            var models = new Dictionary<string, (Tolerance, Dictionary<int, Tolerance>)>();
            if (root.TryGetProperty("models", out var m))
            {
                if (m.ValueKind != JsonValueKind.Object)
                    throw Bad("models", "must be an object keyed by model name.");
                foreach (var model in m.EnumerateObject())
                {
                    var modelTolerance = Read(model.Value, defaults, $"models.{model.Name}", Bad, allowBatches: true);
                    var batches = new Dictionary<int, Tolerance>();
                    if (model.Value.TryGetProperty("batches", out var b))
                    {
                        if (b.ValueKind != JsonValueKind.Object)
                            throw Bad($"models.{model.Name}.batches", "must be an object keyed by batch size.", "batches");
                        foreach (var batch in b.EnumerateObject())
                        {
                            if (!int.TryParse(batch.Name, out var size) || size <= 0)
                                throw Bad(
                                    $"models.{model.Name}.batches.{batch.Name}",
                                    "is not a positive batch size.",
                                    "batches",
                                    batch.Name
                                );
                            batches[size] = Read(batch.Value, modelTolerance, $"models.{model.Name}.batches.{batch.Name}", Bad);
                        }
                    }
                    models[model.Name] = (modelTolerance, batches);
                }
            }
            return new ToleranceConfig(defaults, models, path);
        }
    }

    private static Tolerance Read(
        JsonElement element,
        Tolerance inherited,
        string where,
        Func<string, string, string[], PerfGateException> bad,
        bool allowBatches = false
    )
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw bad(where, "must be an object.", []);
        var t = inherited;
        foreach (var p in element.EnumerateObject())
        {
            var key = $"{where}.{p.Name}";
            if (p.Name == "batches" && allowBatches)
                continue;
            if (!Keys.Contains(p.Name))
                throw bad(key, $"is not a known key ({string.Join(", ", Keys)}{(allowBatches ? ", batches" : "")}).", []);
            if (p.Value.ValueKind != JsonValueKind.Number)
                throw bad(key, "must be a number.", []);
            var v = p.Value.GetDouble();
            t = p.Name switch
            {
                "throughputRegression" when v is > 0 and < 1 => t with { ThroughputRegression = v },
                "alpha" when v is > 0 and < 0.5 => t with { Alpha = v },
                "minSamples" when v >= 3 && v == Math.Floor(v) => t with { MinSamples = (int)v },
                "maxRelativeCi" when v is > 0 and < 1 => t with { MaxRelativeCi = v },
                "againstBaseRegression" when v is > 0 and < 1 => t with { AgainstBaseRegression = v },
                "peakMemoryGrowth" when v is > 0 and <= 10 => t with { PeakMemoryGrowth = v },
                "runnerDrift" when v is >= 0 and < 1 => t with { RunnerDrift = v },
                "runnerDrift" => throw bad(key, $"must lie between 0 (inclusive) and 1 (exclusive), not {v}.", []),
                "peakMemoryGrowth" => throw bad(key, $"must lie above 0 and at most 10 (1000%), not {v}.", []),
                "throughputRegression" or "maxRelativeCi" or "againstBaseRegression" => throw bad(
                    key,
                    $"must lie between 0 and 1 (exclusive), not {v}.",
                    []
                ),
                "alpha" => throw bad(key, $"must lie between 0 and 0.5 (exclusive), not {v}.", []),
                _ => throw bad(key, $"must be a whole number of at least 3, not {v}.", []),
            };
        }
        return t;
    }
}
