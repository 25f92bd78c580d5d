using Superposition.Randomness;

namespace Superposition.Inputs;

/// <summary>
/// Draws one input of a fixed problem: writes its active features (distinct, in [0, m), in any order)
/// into <paramref name="destination"/>, which holds s values, and returns how many it wrote. Every
/// random choice comes from <paramref name="rng"/>, so the stream is a function of the seed.
/// </summary>
public delegate int InputSampler(Rng rng, Span<int> destination);
