using System.Collections.Immutable;

namespace Superposition.Validation;

/// <summary>Thrown by a checked entry point when its input is invalid; lists every problem at once.</summary>
public sealed class InvalidSpecException : Exception
{
    public InvalidSpecException(IEnumerable<SpecError> errors)
        : this([.. errors])
    {
    }

    private InvalidSpecException(ImmutableArray<SpecError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public ImmutableArray<SpecError> Errors { get; }

    /// <summary>Throws when <paramref name="errors"/> is not empty.</summary>
    public static void ThrowIfAny(IReadOnlyCollection<SpecError> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidSpecException(errors);
        }
    }

    private static string Describe(ImmutableArray<SpecError> errors) =>
        $"{errors.Length} problem{(errors.Length == 1 ? "" : "s")}:" + string.Concat(errors.Select(e => $"{Environment.NewLine}  - {e}"));
}
