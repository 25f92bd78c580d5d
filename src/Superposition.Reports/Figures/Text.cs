using System.Globalization;
using System.Text;
using Superposition.Reports.Analysis;

namespace Superposition.Reports.Figures;

/// <summary>Number formatting and markdown tables for summary.md, culture-invariant so reports diff cleanly.</summary>
internal static class Text
{
    /// <summary>A count or size with thousands separators: whole from 100 up (means of counts), two decimals below; "n/a" when not finite.</summary>
    public static string Count(double value) => !double.IsFinite(value)
        ? "n/a"
        : Math.Abs(value) >= 100
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A ratio or rate to 3 significant digits (scientific below 0.001); "n/a" when not finite.</summary>
    public static string Ratio(double value) => !double.IsFinite(value)
        ? "n/a"
        : value != 0 && Math.Abs(value) < 1e-3
            ? value.ToString("0.00e+0", CultureInfo.InvariantCulture)
            : value.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>A fitted slope as "0.512 ± 0.013", without the error when it is undefined (two points); "n/a" without a fit.</summary>
    public static string Slope(LineFit? fit) => fit switch
    {
        null => "n/a",
        { } f when double.IsFinite(f.SlopeStandardError) => $"{Fixed(f.Slope)} ± {Fixed(f.SlopeStandardError)}",
        { } f => $"{Fixed(f.Slope)} (2 points, no error estimate)",
    };

    public static string Fixed(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A markdown table with a header row.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var builder = new StringBuilder();
        builder.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        builder.Append('|').AppendJoin("", header.Select(_ => "---|")).AppendLine();
        foreach (var row in rows)
        {
            builder.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }
        return builder.ToString();
    }
}
