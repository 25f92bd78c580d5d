using Superposition.Networks;
using Superposition.Sweeps;

namespace Superposition.Pipeline.Stages;

/// <summary>
/// A case after the build stage: a sum type, so a failed construction is a value of its own that the
/// pipeline routes past sampling and evaluation (a link predicate per case), never a null network that
/// every later stage must recognise.
/// </summary>
public abstract record Built(RunCase Case, double BuildSeconds)
{
    /// <summary>The case's network was built.</summary>
    public sealed record Ok(RunCase Case, double BuildSeconds, Network Network) : Built(Case, BuildSeconds);

    /// <summary>The construction rejected the case or threw; <see cref="Error"/> becomes the row's error column.</summary>
    public sealed record Failed(RunCase Case, double BuildSeconds, string Error) : Built(Case, BuildSeconds);
}
