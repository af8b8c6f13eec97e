using PerfGate.Core.Serialization;

namespace PerfGate.Core.Baselines;

/// <summary>
/// Lines in a counts baseline as <see cref="BaselineJson"/> writes it (two-space indent): a total sits four spaces deep
/// right under "counted", a layer six spaces deep under "layers". Matching the depth keeps "params" of the first layer
/// from being taken for the total's. Falls back to the first match by key for a file indented otherwise.
/// </summary>
internal static class CountedLines
{
    public static int Total(string text, string key) => Find(text, $"    \"{key}\":", "counted", key);

    public static int Layer(string text, string name) => Find(text, $"      \"{name}\":", "layers", name);

    private static int Find(string text, string exact, params string[] fallback)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].StartsWith(exact, StringComparison.Ordinal))
                return i + 1;
        return JsonLines.Of(text, fallback);
    }
}
