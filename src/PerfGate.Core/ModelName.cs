using System.Text.RegularExpressions;

namespace PerfGate.Core;

/// <summary>
/// A model's name becomes a folder under baselines/: it must be a safe identifier (letters, digits, '.', '_', '-', starting
/// with a letter or digit, at most 100 characters), never a path ("../../tmp/x") or empty. Names are matched without regard
/// to case and surrounding spaces, and always resolved to the one spelling the model declares (<see cref="Resolve"/>), so that
/// a path, a baseline, a message and a printed approve command never disagree on a case-sensitive file system.
/// </summary>
internal static partial class ModelName
{
    public static bool IsSafe(string? name) => name is { Length: > 0 and <= 100 } && Safe().IsMatch(name);

    /// <exception cref="PerfGateException">PG0012 (exit 2) naming the file and line that holds the bad name.</exception>
    public static string Check(string? name, string? file = null, int line = 0) =>
        IsSafe(name)
            ? name!
            : throw new PerfGateException(
                ErrorCodes.BadModelName,
                $"'{name}' is not a usable model name: it names a folder under baselines/, so it must be letters, digits, '.', '_' or "
                    + $"'-', starting with a letter or digit (at most 100 characters).",
                file,
                line
            );

    /// <summary>The characters that separate names in one selection; none can be part of a name. MSBuild's command line eats ';'
    /// and ',' (-p:PerfGateModels=a;b is MSB1006), so '+' and spaces separate too: -p:PerfGateModels=alexnet+resnet50.</summary>
    public static readonly char[] Separators = [';', ',', '+', ' ', '\t'];

    /// <summary>
    /// A selection as given (repeated options, each separated by any of <see cref="Separators"/>): trimmed, empty entries dropped,
    /// de-duplicated without regard to case. A selection that was given but names nothing (<c>""</c>, <c>" "</c>, <c>";"</c>) is
    /// PG0012, never "no selection" (which would silently gate the default model).
    /// </summary>
    public static IReadOnlyList<string> Selection(IReadOnlyList<string> given)
    {
        var names = given
            .SelectMany(m => m.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .DistinctBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ToArray();
        if (given.Count > 0 && names.Length == 0)
            throw new PerfGateException(
                ErrorCodes.BadModelName,
                $"the model selection '{string.Join(";", given)}' names no model; name one, or leave the selection (--model, "
                    + $"PerfGateModels) out to gate the default models."
            );
        return names;
    }

    /// <summary>
    /// The declared spelling of <paramref name="requested"/> among <paramref name="known"/>, matched without regard to case;
    /// null when none matches. Two known names that differ only in case cannot be told apart on every file system: PG0012.
    /// </summary>
    public static string? Resolve(string requested, IEnumerable<string> known)
    {
        var name = requested.Trim();
        var matches = known
            .Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return matches.Length switch
        {
            0 => null,
            1 => matches[0],
            _ => matches.Contains(name, StringComparer.Ordinal)
                ? name
                : throw new PerfGateException(
                    ErrorCodes.BadModelName,
                    $"'{requested}' matches {string.Join(" and ", matches)}, which differ only in case; name one exactly (and rename the "
                        + $"other: on a case-insensitive file system they share one baselines folder)."
                ),
        };
    }

    /// <summary>PG0002: a name that matches no model, with the models there are.</summary>
    public static PerfGateException Unknown(string name, IEnumerable<string> builtIn, IReadOnlyCollection<string> declared) =>
        new(
            ErrorCodes.UnknownModel,
            $"Unknown model '{name}'. Built-in models: {string.Join(", ", builtIn)}"
                + (declared.Count > 0 ? $"; declared in the assembly: {string.Join(", ", declared)}." : ".")
        );

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Safe();
}
