using System.Runtime.InteropServices;
using Superposition.Randomness;
using Superposition.Validation;

namespace Superposition.Problems;

/// <summary>Validates problem specs and turns them into seeded instances.</summary>
public static class ProblemGeneration
{
    /// <summary>Every problem with <paramref name="spec"/>, each with its path under <paramref name="path"/>.</summary>
    public static IReadOnlyList<SpecError> Validate(ProblemSpec spec, string path = "")
    {
        string At(string field) => path.Length == 0 ? field : $"{path}.{field}";
        var errors = new List<SpecError>();
        if (spec.InputCount < 1)
        {
            errors.Add(new SpecError(At("input_count"), $"must be at least 1, got {spec.InputCount}"));
        }
        if (spec.OutputCount < 1)
        {
            errors.Add(new SpecError(At("output_count"), $"must be at least 1, got {spec.OutputCount}"));
        }
        if (spec.Sparsity < 1)
        {
            errors.Add(new SpecError(At("sparsity"), $"must be at least 1, got {spec.Sparsity}"));
        }
        else if (spec.Sparsity > spec.InputCount && spec.InputCount >= 1)
        {
            errors.Add(new SpecError(At("sparsity"), $"s = {spec.Sparsity} exceeds the number of inputs m = {spec.InputCount}"));
        }
        if (spec.Kind != ProblemKind.Circuit && spec.Depth != 1)
        {
            errors.Add(new SpecError(At("depth"), $"applies to circuit problems only (a {spec.ProblemName} problem is one layer), got {spec.Depth}"));
        }
        // Only the sizes the shape checks below depend on stop validation here; a bad sparsity does not,
        // so it is reported together with, say, too many pairs.
        if (spec.InputCount < 1 || spec.OutputCount < 1)
        {
            return errors;
        }
        switch (spec.Kind)
        {
            case ProblemKind.And:
                errors.AddRange(PairGraphs.Validate(spec, path));
                break;
            case ProblemKind.Permutation:
                if (spec.Graph != "permutation")
                {
                    errors.Add(new SpecError(At("graph"), $"a permutation problem has graph 'permutation', got '{spec.Graph}'"));
                }
                if (spec.InputCount != spec.OutputCount)
                {
                    errors.Add(new SpecError(At("output_count"), $"a permutation has m' = m = {spec.InputCount}, got {spec.OutputCount}"));
                }
                break;
            case ProblemKind.Circuit:
                errors.AddRange(LayeredCircuit.Validate(spec, path));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown problem kind");
        }
        return errors;
    }

    /// <summary>Generates the instance of a valid spec; throws <see cref="InvalidSpecException"/> listing every problem otherwise.</summary>
    public static Problem Generate(ProblemSpec spec, Seed seed)
    {
        InvalidSpecException.ThrowIfAny(Validate(spec));
        return spec.Kind switch
        {
            ProblemKind.And => new AndProblem(spec, PairGraphs.Generate(spec, seed)),
            ProblemKind.Permutation => new PermutationProblem(spec, RandomPermutation(spec.InputCount, seed)),
            ProblemKind.Circuit => new CircuitProblem(LayeredCircuit.Generate(spec, seed), spec.Sparsity, spec.Graph),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown problem kind"),
        };
    }

    private static System.Collections.Immutable.ImmutableArray<int> RandomPermutation(int count, Seed seed)
    {
        var permutation = Enumerable.Range(0, count).ToArray();
        Sampling.Shuffle(new Rng(seed), permutation.AsSpan());
        return ImmutableCollectionsMarshal.AsImmutableArray(permutation);
    }
}
