using System.Text.Json;
using System.Text.Json.Serialization;
using Superposition.Rows;

namespace Superposition.Datasets.Journals;

/// <summary>One journal entry: a finished run's case row and (when the run keeps them) its samples.</summary>
internal sealed record JournalEntry(CaseRow Row, IReadOnlyList<SampleRow> Samples);

/// <summary>
/// The journal's JSON: snake_case keys, and NaN and ±∞ written as named literals, since failed and empty
/// cases hold them. Doubles are written in their shortest round-trip form, so a row read back equals the
/// row written, bit for bit.
/// </summary>
internal static class JournalJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
