using System.Text.RegularExpressions;

namespace PerfGate.Core.Text;

/// <summary>
/// Collapses the lines a native library repeats (libtorch prints "Could not initialize NNPACK! Reason: Unsupported hardware." once
/// per convolution call on some CPUs: thousands of lines before a 15-line result). The first time a line is seen it is shown;
/// every repeat is only counted, and at the end one line per repeated text says how often it came and where all of them are.
/// At most <paramref name="maxDistinct"/> texts are remembered: past that, new texts are shown as they come. A line is its text
/// without libtorch's time stamp (<c>[W1205 10:41:24.703114213 NNPACK.cpp:56] …</c> is <c>[W NNPACK.cpp:56] …</c>): every
/// repeat of the warning carries a new time.
/// </summary>
internal sealed partial class RepeatedLines(int maxDistinct = 1000)
{
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Whether to show <paramref name="line"/> now: true the first time, false for a repeat.</summary>
    public bool Show(string line)
    {
        var text = Text(line);
        lock (_gate)
        {
            if (_seen.TryGetValue(text, out var count))
            {
                _seen[text] = count + 1;
                return false;
            }
            if (_seen.Count < maxDistinct)
                _seen[text] = 1;
            return true;
        }
    }

    /// <summary>The line without a glog/c10 time stamp: the same warning at another time is the same text.</summary>
    public static string Text(string line) => Stamp().Replace(line, "[$1 ", 1);

    [GeneratedRegex(@"^\[([A-Z])\d{4} \d{2}:\d{2}:\d{2}\.\d+ ")]
    private static partial Regex Stamp();

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
