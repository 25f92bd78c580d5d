namespace Superposition.Cli.Bench;

/// <summary>A fixed benchmark shape: a superposed-and instance, the inputs it is evaluated on, and how many.</summary>
internal sealed record BenchShape(string Name, int InputCount, int OutputCount, int Sparsity, string Distribution, int Samples, bool Large)
{
    /// <summary>The shapes of the performance targets in docs/performance.md; the 10^7 one runs only with --large (minutes, several GB).</summary>
    public static IReadOnlyList<BenchShape> All { get; } =
    [
        new("and-1e5-superposed", 100_000, 100_000, 3, "with-true-pair", 20_000, Large: false),
        new("and-1e5-explicit", 10_000, 100_000, 3, "with-true-pair", 400_000, Large: false),
        new("and-1e6", 1_000_000, 1_000_000, 3, "with-true-pair", 2_000, Large: false),
        new("and-1e7", 10_000_000, 10_000_000, 3, "with-true-pair", 1_000, Large: true),
    ];
}
