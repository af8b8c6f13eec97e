using System.Globalization;

namespace PerfGate.Core;

/// <summary>Number formatting for human output: invariant culture, thousands separators, fixed decimals.</summary>
internal static class Numbers
{
    public static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "?";

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal: 0.333 → "+33.3%" (signed) or "33.3%"; a change too small for one decimal is
    /// "+&lt;0.1%", never "+0.0%".</summary>
    public static string Percent(double fraction, bool signed = true) =>
        fraction != 0 && Math.Abs(fraction) < 0.0005
            ? (signed ? (fraction > 0 ? "+" : "-") : "") + "<0.1%"
            : (signed && fraction >= 0 ? "+" : "") + Fixed(fraction * 100, 1) + "%";

    /// <summary>A number with as many decimals as it needs, up to four: 0.01 → "0.01", 0.005 → "0.005".</summary>
    public static string Plain(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A median with its 95% confidence interval: "49.80 [48.10, 51.20]".</summary>
    public static string Interval(Statistics.Estimate estimate, int decimals) =>
        $"{Fixed(estimate.Median, decimals)} [{Fixed(estimate.CiLow, decimals)}, {Fixed(estimate.CiHigh, decimals)}]";

    /// <summary>Bytes with their binary size: 1548800 → "1,548,800 B (1.48 MiB)"; "?" when unknown.</summary>
    public static string Bytes(long? value)
    {
        if (value is not { } v)
            return "?";
        var (size, unit) = Binary(v);
        return unit == "" ? $"{Count(v)} B" : $"{Count(v)} B ({Fixed(size, 2)} {unit})";
    }

    /// <summary>A measured size, to a tenth of its binary unit: 62914560 → "60.0 MiB".</summary>
    public static string Size(long value)
    {
        var (size, unit) = Binary(value);
        return unit == "" ? $"{Count(value)} B" : $"{Fixed(size, 1)} {unit}";
    }

    private static (double Size, string Unit) Binary(long v) =>
        v >= 1L << 30 ? (v / (double)(1L << 30), "GiB")
        : v >= 1L << 20 ? (v / (double)(1L << 20), "MiB")
        : v >= 1L << 10 ? (v / 1024.0, "KiB")
        : (0, "");

    /// <summary>Scientific notation as the talk's slides print it, e.g. 2.61E+12.</summary>
    public static string Scientific(double value) => value.ToString("0.00E+00", CultureInfo.InvariantCulture);
}
