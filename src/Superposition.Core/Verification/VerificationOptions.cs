using Superposition.Randomness;

namespace Superposition.Verification;

/// <summary>How much a verification samples and enumerates.</summary>
/// <param name="Samples">Sampled inputs per applicable input distribution.</param>
/// <param name="Seed">The root of the sample seeds (each distribution derives its own from its name).</param>
/// <param name="ExhaustiveBudget">The most inputs the exhaustive check enumerates: every input with |x| ≤ s when there are at most this many.</param>
/// <param name="ClaimsNoFalseNegatives">Whether the network claims that no input with |x| ≤ s misses a true output.</param>
/// <param name="ClaimsExact">Whether the network claims no error at all on inputs with |x| ≤ s.</param>
public sealed record VerificationOptions(int Samples, Seed Seed, long ExhaustiveBudget, bool ClaimsNoFalseNegatives, bool ClaimsExact)
{
    public const int DefaultSamples = 10_000;

    public const long DefaultExhaustiveBudget = 2_000_000;
}
