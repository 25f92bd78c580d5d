using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Superposition.Reports.Plotting;

/// <summary>
/// The house style of report figures, in one place: 800×500 PNG, a sans font, title, axis labels with
/// units, legend, and log axes drawn as log10 of the data with 10ⁿ tick labels (ScottPlot 5 has no log
/// axis type; this is its documented recipe). Files are written under a temporary name and renamed.
/// </summary>
internal static class Charts
{
    public const int Width = 800;

    public const int Height = 500;

    private static readonly Lazy<string> FontFamily = new(ChooseFont);

    /// <summary>A plot with the report's font, <paramref name="title"/> and axis labels.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var font = FontFamily.Value;
        var plot = new Plot();
        plot.Font.Set(font);
        plot.Title(title, size: 18);
        plot.XLabel(xLabel, size: 14);
        plot.YLabel(yLabel, size: 14);
        return plot;
    }

    /// <summary>log10 of each value, for plotting on an axis set up with <see cref="LogAxis"/>.</summary>
    public static double[] Log10(IEnumerable<double> values) => [.. values.Select(Math.Log10)];

    /// <summary>
    /// Makes <paramref name="axis"/> read as a log10 axis: major ticks at powers of ten labelled 10ⁿ, log
    /// minor ticks. A range narrower than a decade gets in-between ticks labelled with their value.
    /// </summary>
    public static void LogAxis(IAxis axis, IEnumerable<double> log10Values)
    {
        var values = log10Values.Where(double.IsFinite).ToList();
        var span = values.Count == 0 ? 0 : values.Max() - values.Min();
        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = span >= 1,
            LabelFormatter = PowerOfTen,
        };
    }

    /// <summary>A measured series: markers joined by a line.</summary>
    public static Scatter Measured(Plot plot, double[] xs, double[] ys, string label)
    {
        var scatter = plot.Add.Scatter(xs, ys);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 8;
        return scatter;
    }

    /// <summary>A reference curve (constant 1): a grey patterned line without markers.</summary>
    public static Scatter Reference(Plot plot, double[] xs, double[] ys, string label, LinePattern pattern)
    {
        var scatter = plot.Add.ScatterLine(xs, ys, Colors.DimGray);
        scatter.LegendText = label;
        scatter.LineWidth = 1.5f;
        scatter.LinePattern = pattern;
        return scatter;
    }

    /// <summary>
    /// The legend in a panel right of the data area, where it can never hide a curve; a smaller font
    /// keeps that panel narrow, so keep legend labels short.
    /// </summary>
    public static void LegendOutside(Plot plot)
    {
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 11;
    }

    /// <summary>The plot as PNG bytes at the report's size.</summary>
    public static byte[] Render(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>Writes the plot to <paramref name="path"/> as PNG, through a temporary file renamed on success.</summary>
    public static void Save(Plot plot, string path)
    {
        var bytes = Render(plot);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>"10³" for integer exponents, the value itself to 3 significant digits between them ("2,000").</summary>
    internal static string PowerOfTen(double exponent)
    {
        var rounded = Math.Round(exponent);
        if (Math.Abs(exponent - rounded) < 1e-9)
        {
            return "10" + Superscript((int)rounded);
        }
        var value = double.Parse(Math.Pow(10, exponent).ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return value.ToString("#,0.###", CultureInfo.InvariantCulture);
    }

    private static string Superscript(int exponent)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = Math.Abs(exponent).ToString();
        return (exponent < 0 ? "⁻" : "") + string.Concat(text.Select(c => digits[c - '0']));
    }

    /// <summary>
    /// DejaVu Sans when installed (stack.md), else ScottPlot's sans default. With no font at all ScottPlot
    /// silently draws figures without any text, so that fails loudly here instead.
    /// </summary>
    private static string ChooseFont()
    {
        if (SKFontManager.Default.FontFamilyCount == 0)
        {
            throw new InvalidOperationException(
                "no fonts are installed (nothing under /usr/share/fonts), so plots would have no text; install one, e.g. 'apt-get install fonts-dejavu-core'");
        }
        return SKFontManager.Default.GetFontFamilies().Contains("DejaVu Sans", StringComparer.Ordinal) ? "DejaVu Sans" : Fonts.Sans;
    }
}
