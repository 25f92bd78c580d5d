using SkiaSharp;
using Superposition.Reports.Plotting;
using Superposition.Reports.Tests.Support;
using Xunit;

namespace Superposition.Reports.Tests;

public class ChartsTests
{
    private static byte[] Render(string title, string xLabel)
    {
        using var plot = Charts.Create(title, xLabel, "neurons");
        double[] xs = [3, 4, 5, 6];
        Charts.Measured(plot, xs, [.. xs.Select(x => (0.5 * x) + 1)], "superposed-and");
        Charts.Reference(plot, xs, [.. xs.Select(x => 0.5 * x)], "√m' · log₂ m'", ScottPlot.LinePattern.Dashed);
        Charts.LogAxis(plot.Axes.Bottom, xs);
        Charts.LogAxis(plot.Axes.Left, [2.5, 4]);
        plot.ShowLegend();
        return Charts.Render(plot);
    }

    [Fact]
    public void Render_draws_a_real_picture()
    {
        Png.AssertPicture(Render("Neurons against m'", "m' (output features)"));
    }

    [Fact]
    public void Render_draws_the_title_text()
    {
        // Same length, same font size, so the layout is identical: only drawn glyphs can differ.
        // Without a usable font ScottPlot draws no text and both images would be equal.
        using var first = Png.AssertPicture(Render("Neurons against m'", "m' (output features)"));
        using var second = Png.AssertPicture(Render("Wiring against mm'", "m' (output features)"));

        Assert.True(Png.DifferingPixels(first, second) > 200);
    }

    [Fact]
    public void Render_draws_the_axis_label_text()
    {
        using var first = Png.AssertPicture(Render("Neurons against m'", "m' (output features)"));
        using var second = Png.AssertPicture(Render("Neurons against m'", "w' (input neurons!)"));

        var differing = Png.DifferingPixels(first, second);
        Assert.True(differing > 100, $"{differing} pixels differ");
        Assert.True(CountDark(first, 0, 460, 800, 500) > 100, "no dark pixels in the x label band");
    }

    [Theory]
    [InlineData(3.0, "10³")]
    [InlineData(6.0, "10⁶")]
    [InlineData(0.0, "10⁰")]
    [InlineData(-2.0, "10⁻²")]
    [InlineData(12.0, "10¹²")]
    [InlineData(3.30103, "2,000")]
    [InlineData(-0.30103, "0.5")]
    public void PowerOfTen_labels_decades_with_superscripts(double exponent, string label) =>
        Assert.Equal(label, Charts.PowerOfTen(exponent));

    private static int CountDark(SKBitmap bitmap, int left, int top, int right, int bottom)
    {
        var count = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Red + pixel.Green + pixel.Blue < 300)
                {
                    count++;
                }
            }
        }
        return count;
    }
}
