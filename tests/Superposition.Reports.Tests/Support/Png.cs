using SkiaSharp;
using Xunit;

namespace Superposition.Reports.Tests.Support;

/// <summary>Checks that a PNG is a real picture: signature, decodable, the report's size, more than one colour.</summary>
public static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static SKBitmap AssertPicture(byte[] bytes, int minimumBytes = 10_000)
    {
        Assert.True(bytes.Length > minimumBytes, $"PNG of {bytes.Length} bytes is suspiciously small");
        Assert.Equal(Signature, bytes.Take(8));
        var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal(800, bitmap.Width);
        Assert.Equal(500, bitmap.Height);
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < bitmap.Height; y += 7)
        {
            for (var x = 0; x < bitmap.Width; x += 7)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }
        Assert.True(colours.Count > 5, $"only {colours.Count} colours sampled: the image is blank");
        return bitmap;
    }

    /// <summary>How many pixels differ between two equally sized images.</summary>
    public static int DifferingPixels(SKBitmap first, SKBitmap second)
    {
        Assert.Equal((first.Width, first.Height), (second.Width, second.Height));
        var count = 0;
        for (var y = 0; y < first.Height; y++)
        {
            for (var x = 0; x < first.Width; x++)
            {
                if (first.GetPixel(x, y) != second.GetPixel(x, y))
                {
                    count++;
                }
            }
        }
        return count;
    }
}
