namespace PerfGate.Core.Baselines;

/// <summary>
/// Where a model's baselines live: &lt;root&gt;/&lt;model&gt;/counts.verified.json (counted metrics, every machine) and
/// &lt;root&gt;/&lt;model&gt;/&lt;device class&gt;.verified.json (throughput, one device class); each candidate beside its
/// verified file as .received.json.
/// </summary>
internal sealed record BaselinePaths(string Root)
{
    public const string VerifiedSuffix = ".verified.json";
    public const string ReceivedSuffix = ".received.json";
    public const string CountsName = "counts";

    /// <summary>Refuses a baselines folder that does not exist (PG0201): a typo, or a check run from elsewhere, before anything is
    /// measured.</summary>
    public BaselinePaths RequireFolder() =>
        Directory.Exists(Root)
            ? this
            : throw new PerfGateException(
                ErrorCodes.BadBaseline,
                $"the baselines folder does not exist (run from your repository root, or pass --baselines); create it to start: mkdir -p "
                    + $"{Root}",
                Root
            );

    /// <summary>
    /// The model's folder name as it exists under the root, matched as <see cref="ModelName.Resolve"/> does (so that
    /// `approve --model AlexNet` approves baselines/alexnet); the name as given when no folder matches.
    /// </summary>
    public string ExistingModel(string requested) =>
        ModelName.Resolve(requested, Directory.Exists(Root) ? Directory.EnumerateDirectories(Root).Select(d => Path.GetFileName(d)) : [])
        ?? requested.Trim();

    public string Verified(string model, string deviceClass) => Path.Combine(Root, model, deviceClass + VerifiedSuffix);

    public string Received(string model, string deviceClass) => Path.Combine(Root, model, deviceClass + ReceivedSuffix);

    public string CountsVerified(string model) => Verified(model, CountsName);

    public string CountsReceived(string model) => Received(model, CountsName);

    /// <summary>Every received file under the root, optionally for one model only.</summary>
    public IEnumerable<string> AllReceived(string? model = null)
    {
        var folder = model is null ? Root : Path.Combine(Root, model);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*" + ReceivedSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];
    }

    /// <summary>Whether a baseline file is a model's counts file rather than a device class's throughput file.</summary>
    public static bool IsCounts(string path) => Path.GetFileName(path) is CountsName + VerifiedSuffix or CountsName + ReceivedSuffix;

    public static string VerifiedFor(string receivedPath) => receivedPath[..^ReceivedSuffix.Length] + VerifiedSuffix;
}
