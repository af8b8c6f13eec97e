using System.Text.RegularExpressions;

namespace PerfGate.Core;

/// <summary>
/// A model's name becomes a folder under baselines/: it must be a safe identifier (letters, digits, '.', '_', '-', starting
/// with a letter or digit, at most 100 characters), never a path ("../../tmp/x") or empty.
/// </summary>
public static partial class ModelName
{
    public static bool IsSafe(string? name) => name is { Length: > 0 and <= 100 } && Safe().IsMatch(name);

    /// <exception cref="PerfGateException">PG0012 (exit 2) naming the file and line that holds the bad name.</exception>
    public static string Check(string? name, string? file = null, int line = 0) =>
        IsSafe(name) ? name! : throw new PerfGateException("PG0012",
            $"'{name}' is not a usable model name: it names a folder under baselines/, so it must be letters, digits, '.', '_' or '-', starting with a letter or digit (at most 100 characters).", file, line);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Safe();
}
