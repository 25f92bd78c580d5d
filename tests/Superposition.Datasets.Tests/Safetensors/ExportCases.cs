using FsCheck;
using FsCheck.Fluent;
using Superposition.Constructions;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Datasets.Tests.Safetensors;

/// <summary>
/// One small AND problem with the knobs that change a network's shape: input encoding, neuron factor
/// (1.0 gives errors near the threshold, 2.5 the clean default) and random-and's layer size.
/// </summary>
internal sealed record ExportCase(ProblemSpec Spec, ulong ProblemSeed, ulong ConstructionSeed, ulong SampleSeed, string Encoding, double NeuronFactor, int RandomNeurons)
{
    public Problem Problem() => ProblemGeneration.Generate(Spec, new Seed(ProblemSeed));

    /// <summary>Every registered construction that solves AND and accepts this case's parameters, built.</summary>
    public IEnumerable<Network> Networks()
    {
        var problem = Problem();
        foreach (var definition in ConstructionRegistry.All.Where(d => d.Solves.Contains(ProblemKind.And)))
        {
            var (request, errors) = definition.Resolve(Overrides(definition), "");
            if (!errors.IsEmpty || definition.Validate(Spec, request!).Any())
            {
                continue;
            }
            yield return NetworkBuilder.Build(problem, request!, new Seed(ConstructionSeed));
        }
    }

    private Dictionary<string, object> Overrides(ConstructionDefinition definition)
    {
        var names = definition.Parameters.Select(p => p.Name).ToHashSet();
        var raw = new Dictionary<string, object>();
        if (names.Contains("input_encoding"))
        {
            raw["input_encoding"] = Encoding;
        }
        if (names.Contains("neuron_factor"))
        {
            raw["neuron_factor"] = NeuronFactor;
        }
        if (names.Contains("neurons"))
        {
            raw["neurons"] = (double)RandomNeurons;
        }
        return raw;
    }
}

/// <summary>Generators of small, valid AND problems and export cases, built with LINQ over <see cref="Gen"/>.</summary>
internal static class ExportCases
{
    /// <summary>
    /// Valid by construction (no filtering): the complete graph is kept small, a matching has at most
    /// m/2 pairs, and m' ≤ 40 keeps the hub generator's pairs within what ⌈log2 m⌉ hubs can hold.
    /// </summary>
    public static Gen<ProblemSpec> AndSpecs { get; } =
        from graph in Gen.Elements("random", "hubs", "matching", "complete")
        from inputCount in Gen.Choose(2, graph == "complete" ? 8 : 30)
        let possible = inputCount * (inputCount - 1) / 2
        let most = graph switch
        {
            "complete" => possible,
            "matching" => inputCount / 2,
            _ => Math.Min(possible, 40),
        }
        from outputCount in graph == "complete" ? Gen.Constant(possible) : Gen.Choose(1, most)
        from sparsity in Gen.Choose(1, Math.Min(inputCount, 4))
        select new ProblemSpec(ProblemKind.And, graph, inputCount, outputCount, sparsity);

    private static Gen<ulong> Seeds { get; } = from high in Gen.Choose(0, int.MaxValue) from low in Gen.Choose(0, int.MaxValue) select ((ulong)high << 32) ^ (ulong)low;

    public static Gen<ExportCase> Cases { get; } =
        from spec in AndSpecs
        from problemSeed in Seeds
        from constructionSeed in Seeds
        from sampleSeed in Seeds
        from encoding in Gen.Elements(SuperposedAnd.Definition.Parameters.Single(p => p.Name == "input_encoding").Choices.ToArray())
        from neuronFactor in Gen.Elements(1.0, 2.5)
        from randomNeurons in Gen.Elements(20, 200)
        select new ExportCase(spec, problemSeed, constructionSeed, sampleSeed, encoding, neuronFactor, randomNeurons);
}
