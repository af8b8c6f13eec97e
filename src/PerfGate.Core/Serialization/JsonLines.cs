namespace PerfGate.Core.Serialization;

/// <summary>
/// Finds the line of a key in a JSON file (a baseline, results, the tolerances), for errors that point at it: the first line
/// holding the last key that follows the lines holding the earlier keys in order, e.g. ("counted", "layers", "conv2"). 0 when
/// not found.
/// </summary>
internal static class JsonLines
{
    public static int Of(string text, params string[] keys)
    {
        var lines = text.Split('\n');
        var at = 0;
        foreach (var key in keys)
        {
            var needle = $"\"{key}\":";
            while (at < lines.Length && !lines[at].Contains(needle, StringComparison.Ordinal))
                at++;
            if (at == lines.Length)
                return 0;
        }
        return at + 1;
    }
}
