namespace PerfGate.Core.Baselines;

/// <summary>Where a model's baselines live: &lt;root&gt;/&lt;model&gt;/&lt;device class&gt;.verified.json, the candidate beside it as .received.json.</summary>
public sealed record BaselinePaths(string Root)
{
    public const string VerifiedSuffix = ".verified.json";
    public const string ReceivedSuffix = ".received.json";

    public string Verified(string model, string deviceClass) => Path.Combine(Root, model, deviceClass + VerifiedSuffix);

    public string Received(string model, string deviceClass) => Path.Combine(Root, model, deviceClass + ReceivedSuffix);

    /// <summary>Every received file under the root, optionally for one model only.</summary>
    public IEnumerable<string> AllReceived(string? model = null)
    {
        var folder = model is null ? Root : Path.Combine(Root, model);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*" + ReceivedSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];
    }

    public static string VerifiedFor(string receivedPath) =>
        receivedPath[..^ReceivedSuffix.Length] + VerifiedSuffix;
}
