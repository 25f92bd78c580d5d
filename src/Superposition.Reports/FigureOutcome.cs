namespace Superposition.Reports;

/// <summary>
/// What became of one figure: written to <see cref="FileName"/>, or skipped because the dataset lacks
/// the data for it (<see cref="SkipReason"/>). summary.md lists both, so a missing PNG is never a mystery.
/// </summary>
/// <param name="Description">What the figure shows, one line.</param>
public sealed record FigureOutcome(string FileName, string Description, string? SkipReason)
{
    public bool Written => SkipReason is null;

    public static FigureOutcome Skipped(string fileName, string description, string reason) => new(fileName, description, reason);
}
