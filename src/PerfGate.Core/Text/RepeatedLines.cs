namespace PerfGate.Core.Text;

/// <summary>
/// Collapses the lines a native library repeats (libtorch prints "Could not initialize NNPACK! Reason: Unsupported hardware." once
/// per convolution call on some CPUs: thousands of lines before a 15-line result). The first time a line is seen it is shown;
/// every repeat is only counted, and at the end one line per repeated text says how often it came and where all of them are.
/// At most <paramref name="maxDistinct"/> texts are remembered: past that, new texts are shown as they come.
/// </summary>
public sealed class RepeatedLines(int maxDistinct = 1000)
{
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Whether to show <paramref name="line"/> now: true the first time, false for a repeat.</summary>
    public bool Show(string line)
    {
        lock (_gate)
        {
            if (_seen.TryGetValue(line, out var count))
            {
                _seen[line] = count + 1;
                return false;
            }
            if (_seen.Count < maxDistinct)
                _seen[line] = 1;
            return true;
        }
    }

    /// <summary>One line per text that came more than once, most frequent first, naming the log that holds every line.</summary>
    public IReadOnlyList<string> Summary(string logPath)
    {
        lock (_gate)
            return _seen
                .Where(p => p.Value > 1)
                .OrderByDescending(p => p.Value)
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p =>
                    $"note: this line was printed {Numbers.Count(p.Value)} times and shown once (every line is in {logPath}): {p.Key}"
                )
                .ToArray();
    }
}
