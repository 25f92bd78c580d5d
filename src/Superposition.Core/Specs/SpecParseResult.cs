using System.Collections.Immutable;
using Superposition.Validation;

namespace Superposition.Specs;

/// <summary>
/// The outcome of <see cref="SpecParser.Parse"/>: a valid spec, or every problem found in it. A sum
/// type rather than an exception, because an invalid spec is an expected user error (exit code 2 with
/// all errors listed), not a failure of the program.
/// </summary>
public abstract record SpecParseResult
{
    private SpecParseResult()
    {
    }

    /// <summary>The spec is valid: every case of its expansion passes validation.</summary>
    public sealed record Parsed(SweepSpec Spec) : SpecParseResult;

    /// <summary>The spec is invalid; <see cref="Errors"/> is never empty and every error has a path.</summary>
    public sealed record Invalid(ImmutableArray<SpecError> Errors) : SpecParseResult;
}
