using System.Text.RegularExpressions;

namespace PerfGate.Core.Tests.Fuzz;

/// <summary>
/// Deterministic mutations of a valid JSON document, of the kinds a hand edit, a bad merge or a hostile user produce:
/// truncation, a flipped byte, a value of another type, a deleted or duplicated key, NaN/∞/negative/huge numbers, and
/// path-like names. Each mutation is labelled, so that a failing case can be reproduced.
/// </summary>
internal static partial class Mutator
{
    private static readonly string[] Numbers =
    [
        "NaN",
        "Infinity",
        "-Infinity",
        "-1",
        "0",
        "-0.0",
        "1e309",
        "99999999999999999999999",
        "1.5",
        "\"12\"",
        "null",
        "true",
        "[]",
        "{}",
        "\"x\"",
    ];
    private static readonly string[] Names =
    [
        "\"../../tmp/x\"",
        "\"\"",
        "\"a/b\"",
        "\"..\"",
        "\"C:\\\\x\"",
        "\" spaced \"",
        "null",
        "42",
        "\"-rf\"",
    ];

    public static IEnumerable<(string Label, string Text)> Mutations(string text, int count, int seed)
    {
        var rng = new Random(seed);
        var lines = text.Split('\n');
        for (var i = 0; i < count; i++)
        {
            var kind = i % 7;
            yield return kind switch
            {
                0 => Truncate(text, rng),
                1 => Flip(text, rng),
                2 => ReplaceToken(text, NumberToken(), Numbers, rng, "number"),
                3 => ReplaceToken(text, StringValueToken(), Names, rng, "string"),
                4 => DeleteLine(lines, rng),
                5 => DuplicateLine(lines, rng),
                _ => ReplaceToken(text, ValueToken(), Numbers.Concat(Names).ToArray(), rng, "value"),
            };
        }
    }

    private static (string, string) Truncate(string text, Random rng)
    {
        var at = rng.Next(text.Length);
        return ($"truncate at {at}", text[..at]);
    }

    private static (string, string) Flip(string text, Random rng)
    {
        var at = rng.Next(text.Length);
        var c = (char)rng.Next(32, 127);
        return ($"flip {at} to '{c}'", text[..at] + c + text[(at + 1)..]);
    }

    private static (string, string) ReplaceToken(string text, Regex token, string[] choices, Random rng, string what)
    {
        var matches = token.Matches(text);
        if (matches.Count == 0)
            return ("unchanged", text);
        var m = matches[rng.Next(matches.Count)];
        var with = choices[rng.Next(choices.Length)];
        return ($"{what} at {m.Index} -> {with}", text[..m.Groups[1].Index] + with + text[(m.Groups[1].Index + m.Groups[1].Length)..]);
    }

    private static (string, string) DeleteLine(string[] lines, Random rng)
    {
        var keyed = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("\":")).ToArray();
        if (keyed.Length == 0)
            return ("unchanged", string.Join('\n', lines));
        var at = keyed[rng.Next(keyed.Length)];
        return ($"delete line {at + 1}", string.Join('\n', lines.Where((_, i) => i != at)));
    }

    private static (string, string) DuplicateLine(string[] lines, Random rng)
    {
        var keyed = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("\":") && lines[i].TrimEnd().EndsWith(',')).ToArray();
        if (keyed.Length == 0)
            return ("unchanged", string.Join('\n', lines));
        var at = keyed[rng.Next(keyed.Length)];
        return ($"duplicate line {at + 1}", string.Join('\n', lines.Take(at + 1).Append(lines[at]).Concat(lines.Skip(at + 1))));
    }

    [GeneratedRegex(@"[:\[,]\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@":\s*(""[^""]*"")")]
    private static partial Regex StringValueToken();

    [GeneratedRegex(@":\s*(""[^""]*""|-?\d[\d.eE+-]*|true|false|null|\[\]|\{\})")]
    private static partial Regex ValueToken();
}
