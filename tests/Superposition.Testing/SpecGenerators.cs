using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Superposition.Constructions;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;

namespace Superposition.Testing;

/// <summary>A generated valid sweep spec, as JSON text, with the shape its expansion must have.</summary>
/// <param name="AxisLengths">Length of each axis, in order.</param>
public sealed record GeneratedSpec(string Text, IReadOnlyList<int> AxisLengths, int Replicates)
{
    public int CaseCount => AxisLengths.Aggregate(1, (product, length) => product * length);

    public override string ToString() => Text;
}

/// <summary>A spec text damaged by random edits; it may still be valid.</summary>
public sealed record CorruptedSpec(string Text, string Edits)
{
    public override string ToString() => $"{Edits}{Environment.NewLine}{Text}";
}

/// <summary>
/// Generators of sweep specs (docs/spec-format.md): valid ones built so that every case passes
/// validation, and corrupted ones made by random edits of valid ones, at the level of text (deleted or
/// inserted characters, truncation, huge numbers, deep nesting) and of the JSON tree (renamed, removed
/// or retyped fields). Valid specs cover both problem kinds, every pair-set generator with its own
/// fields, every construction, input distribution and parameter (choice parameters too) on axes, all
/// drawn from the registries, so a new one is generated with no change here. Which values are valid is
/// decided by the same per-case checks a spec goes through (problem and construction validation, the
/// distribution's applicability), applied case by case while the spec is assembled.
/// </summary>
public static class SpecGenerators
{
    /// <summary>m for 2-AND problems: C(20, 2) = 190 possible pairs.</summary>
    private const int AndInputCount = 20;

    private static readonly int[] OutputCounts = [1, 5, 10, 40, 100, 190];
    private static readonly int[] PermutationSizes = [8, 12, 20];
    private static readonly int[] HubCounts = [0, 1, 3];
    private static readonly double[] HubFractions = [0, 0.5, 1];
    private static readonly double[] PowerLawExponents = [0, 0.5, 1, 1.5, 4];

    /// <summary>Multipliers of a numeric parameter's default tried for axis values; kept when every case accepts them.</summary>
    private static readonly double[] Scales = [1, 1.5, 2, 0.75];

    /// <summary>Valid specs: up to four axes over output count (sometimes zipped with sparsity), construction, distribution and a parameter.</summary>
    public static Gen<GeneratedSpec> Valid { get; } = ValidUpTo(axisCount: 4, replicates: 3, new Evaluation(100, 25));

    /// <summary>Valid specs with one to three random edits applied.</summary>
    public static Gen<CorruptedSpec> Corrupted { get; } = CorruptedFrom(Valid);

    /// <summary>Valid specs small enough to run end to end many times in a property: at most two axes and two replicates, 20 samples a run.</summary>
    public static Gen<GeneratedSpec> Tiny { get; } = ValidUpTo(axisCount: 2, replicates: 2, new Evaluation(20, 10));

    /// <summary><see cref="Tiny"/> specs with one to three random edits applied; those that stay valid stay small.</summary>
    public static Gen<CorruptedSpec> TinyCorrupted { get; } = CorruptedFrom(Tiny);

    /// <summary>How generated specs are evaluated: samples per run and batch size.</summary>
    private sealed record Evaluation(int Samples, int BatchSize);

    /// <summary>
    /// Assembled from a drawn seed rather than by composing generators, because what may vary depends on
    /// what was drawn before (the problem decides the constructions, a parameter axis the constructions
    /// that have it); deterministic in the seed, so FsCheck replays reproduce it.
    /// </summary>
    private static Gen<GeneratedSpec> ValidUpTo(int axisCount, int replicates, Evaluation evaluation) =>
        from seed in Gen.Choose(0, int.MaxValue)
        select Assemble(seed, axisCount, replicates, evaluation);

    private static Gen<CorruptedSpec> CorruptedFrom(Gen<GeneratedSpec> specs) =>
        from spec in specs
        from editSeed in Gen.Choose(0, int.MaxValue)
        from editCount in Gen.Choose(1, 3)
        select Corrupt(spec.Text, editSeed, editCount);

    /// <summary>For <c>[Property(Arbitrary = [typeof(SpecGenerators)])]</c>.</summary>
    public static Arbitrary<GeneratedSpec> GeneratedSpecs() => Valid.ToArbitrary();

    /// <summary>For <c>[Property(Arbitrary = [typeof(SpecGenerators)])]</c>.</summary>
    public static Arbitrary<CorruptedSpec> CorruptedSpecs() => Corrupted.ToArbitrary();

    private static GeneratedSpec Assemble(int seed, int axisCount, int replicates, Evaluation evaluation)
    {
        var random = new Random(seed);
        // Some draws leave no construction valid on every case (say a parameter value one of them rejects);
        // draw again from the same stream, which stays deterministic in the seed.
        for (var attempt = 0; ; attempt++)
        {
            if (Attempt(random, seed, axisCount, replicates, evaluation) is { } spec)
            {
                return spec;
            }
            if (attempt == 1000)
            {
                throw new InvalidOperationException($"no valid spec assembled from seed {seed}");
            }
        }
    }

    private static GeneratedSpec? Attempt(Random random, int seed, int axisCount, int replicates, Evaluation evaluation)
    {
        var problem = DrawProblem(random);
        var kind = problem.Kind;
        var axisKinds = Shuffled(random, ["outputs", "construction", "distribution", "parameter"]).Take(random.Next(axisCount + 1)).ToList();
        // A permutation has m' = m, so its output count cannot vary alone.
        var outputAxis = axisKinds.Contains("outputs") && kind == ProblemKind.And && problem.OutputCounts.Length > 1
            ? Subset(random, problem.OutputCounts)
            : null;
        int[]? sparsityAxis = outputAxis is not null && random.Next(2) == 0 ? [.. outputAxis.Select(_ => random.Next(2, 4))] : null;
        var baseOutputs = problem.OutputCounts[random.Next(problem.OutputCounts.Length)];
        var baseSparsity = random.Next(2, 4);
        var variants = (outputAxis ?? [baseOutputs]).Select((outputs, k) => problem.Spec(outputs, sparsityAxis?[k] ?? baseSparsity)).ToArray();

        var solving = ConstructionRegistry.All.Where(c => c.Solves.Contains(kind)).ToArray();
        ParameterDefinition? parameter = null;
        object[]? parameterValues = null;
        if (axisKinds.Contains("parameter"))
        {
            var parameters = solving.SelectMany(c => c.Parameters).DistinctBy(p => p.Name).ToArray();
            parameter = parameters[random.Next(parameters.Length)];
            var name = parameter.Name;
            solving = [.. solving.Where(c => c.Parameters.Any(p => p.Name == name))];
            object[] candidates = parameter.IsChoice
                ? [.. parameter.Choices]
                : [.. Scales.Select(scale => parameter.Integer ? Math.Max(1, Math.Round(scale * parameter.DefaultNumber!.Value)) : scale * parameter.DefaultNumber!.Value).Distinct().Cast<object>()];
            candidates = [.. candidates.Where(value => solving.Any(c => AcceptsAll(c, variants, name, value)))];
            if (candidates.Length == 0)
            {
                return null;
            }
            parameterValues = Subset(random, candidates);
            solving = [.. solving.Where(c => parameterValues.All(value => AcceptsAll(c, variants, name, value)))];
        }
        else
        {
            solving = [.. solving.Where(c => AcceptsAll(c, variants, null, null))];
        }
        var distributions = InputDistributionRegistry.All.Where(d => variants.All(v => d.Inapplicable(v) is null)).Select(d => d.Name).ToArray();
        if (solving.Length == 0 || distributions.Length == 0)
        {
            return null;
        }
        var constructions = solving.Select(c => c.Name).ToArray();

        var axes = new List<(JsonObject Axis, int Length)>();
        foreach (var axisKind in axisKinds)
        {
            switch (axisKind)
            {
                case "outputs" when outputAxis is not null:
                    axes.Add((sparsityAxis is not null
                        ? new JsonObject { ["problem.output_count"] = Array(outputAxis), ["problem.sparsity"] = Array(sparsityAxis) }
                        : new JsonObject { ["problem.output_count"] = Array(outputAxis) }, outputAxis.Length));
                    break;
                case "construction":
                    var names = Subset(random, constructions);
                    axes.Add((new JsonObject { ["construction"] = Array(names) }, names.Length));
                    break;
                case "distribution":
                    var chosen = Subset(random, distributions);
                    axes.Add((new JsonObject { ["input_distribution"] = Array(chosen) }, chosen.Length));
                    break;
                case "parameter" when parameter is not null:
                    axes.Add((new JsonObject { [$"params.{parameter.Name}"] = new JsonArray([.. parameterValues!.Select(v => v is string text ? JsonValue.Create(text) : JsonValue.Create((double)v))]) }, parameterValues!.Length));
                    break;
            }
        }
        var ordered = Shuffled(random, [.. axes]);
        return Build(seed, random.Next(1, replicates + 1), problem, baseOutputs, baseSparsity, constructions[random.Next(constructions.Length)], distributions[random.Next(distributions.Length)], ordered, random.Next(2) == 0, evaluation);
    }

    /// <summary>Whether <paramref name="construction"/> builds every problem variant with the parameter set to the value (or all defaults).</summary>
    private static bool AcceptsAll(ConstructionDefinition construction, ProblemSpec[] variants, string? parameter, object? value)
    {
        var parameters = parameter is null ? new Dictionary<string, object>() : new Dictionary<string, object> { [parameter] = value! };
        return variants.All(variant => NetworkBuilder.Validate(variant, construction.Name, parameters).Count == 0);
    }

    /// <summary>A problem of either kind with its generator's fields, and the output counts valid for it.</summary>
    private sealed record DrawnProblem(ProblemKind Kind, string Graph, int InputCount, int[] OutputCounts, int HubCount, double HubFraction, double PowerLawExponent, JsonObject Fields)
    {
        public ProblemSpec Spec(int outputs, int sparsity) => new(Kind, Graph, InputCount, outputs, sparsity, HubCount, HubFraction, PowerLawExponent);
    }

    private static DrawnProblem DrawProblem(Random random)
    {
        if (random.Next(5) == 0)
        {
            var size = PermutationSizes[random.Next(PermutationSizes.Length)];
            return new DrawnProblem(ProblemKind.Permutation, "permutation", size, [size], 0, 0.5, 1.0, new JsonObject { ["kind"] = "permutation", ["graph"] = "permutation", ["input_count"] = size });
        }
        var graph = PairGraphs.Names[random.Next(PairGraphs.Names.Length)];
        var fields = new JsonObject { ["kind"] = "and", ["graph"] = graph, ["input_count"] = AndInputCount };
        var (hubCount, hubFraction, exponent) = (0, 0.5, 1.0);
        if (random.Next(2) == 0)
        {
            hubCount = HubCounts[random.Next(HubCounts.Length)];
            fields["hub_count"] = hubCount;
        }
        if (random.Next(2) == 0)
        {
            hubFraction = HubFractions[random.Next(HubFractions.Length)];
            fields["hub_fraction"] = hubFraction;
        }
        if (random.Next(2) == 0)
        {
            exponent = PowerLawExponents[random.Next(PowerLawExponents.Length)];
            fields["power_law_exponent"] = exponent;
        }
        var drawn = new DrawnProblem(ProblemKind.And, graph, AndInputCount, [], hubCount, hubFraction, exponent, fields);
        var outputs = OutputCounts
            .Where(m => ProblemGeneration.Validate(drawn.Spec(m, 3)).Count == 0)
            .ToArray();
        return outputs.Length == 0 ? DrawProblem(random) : drawn with { OutputCounts = outputs };
    }

    private static T[] Shuffled<T>(Random random, T[] items)
    {
        var copy = (T[])items.Clone();
        random.Shuffle(copy);
        return copy;
    }

    private static T[] Subset<T>(Random random, T[] items) => [.. Shuffled(random, items).Take(random.Next(1, Math.Min(3, items.Length) + 1))];

    private static JsonArray Array<T>(IEnumerable<T> values) => [.. values.Select(v => JsonValue.Create(v))];

    private static GeneratedSpec Build(int seed, int replicates, DrawnProblem drawn, int outputCount, int sparsity, string construction, string distribution, (JsonObject Axis, int Length)[] axes, bool repeatBase, Evaluation evaluation)
    {
        var varied = axes.SelectMany(a => a.Axis.Select(p => p.Key)).ToHashSet();
        bool Base(string field) => repeatBase || !varied.Contains(field); // a base value under an axis is allowed and overridden
        var problem = (JsonObject)drawn.Fields.DeepClone();
        if (Base("problem.output_count"))
        {
            problem["output_count"] = outputCount;
        }
        if (Base("problem.sparsity"))
        {
            problem["sparsity"] = sparsity;
        }
        var spec = new JsonObject
        {
            ["name"] = $"generated-{seed}",
            ["seed"] = seed,
            ["replicates"] = replicates,
            ["problem"] = problem,
        };
        if (Base("construction"))
        {
            spec["construction"] = construction;
        }
        if (Base("input_distribution"))
        {
            spec["input_distribution"] = distribution;
        }
        spec["axes"] = new JsonArray([.. axes.Select(a => (JsonNode)a.Axis)]);
        spec["evaluation"] = new JsonObject { ["samples"] = evaluation.Samples, ["batch_size"] = evaluation.BatchSize };
        return new GeneratedSpec(spec.ToJsonString(new() { WriteIndented = true }), [.. axes.Select(a => a.Length)], replicates);
    }

    private static readonly string[] Garbage =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "-", "1e999", "123456789012345678901234567890",
        "\"\\ud800\"", "\\u", "/*", "//", "\t", "ü", "\u0000", "\"x\":", "NaN", "Infinity", "0x10",
        new string('[', 100) + new string(']', 100),
    ];

    private static readonly JsonNode?[] Replacements =
    [
        null, true, false, "text", "", -1, 0, 1.5, 1e308, -1e308, 4294967296L, long.MaxValue,
        new JsonArray(), new JsonObject(), new JsonArray(new JsonArray(new JsonArray())), new JsonArray(1, "a", null),
        new JsonObject { ["unexpected"] = 1 }, "superposed-andd", "unifrom",
    ];

    /// <summary>Applies <paramref name="count"/> random edits; deterministic in <paramref name="seed"/>, so FsCheck replays reproduce it.</summary>
    private static CorruptedSpec Corrupt(string text, int seed, int count)
    {
        var random = new Random(seed);
        var edits = new StringBuilder();
        for (var k = 0; k < count; k++)
        {
            var edit = random.Next(8);
            text = edit switch
            {
                0 => DeleteCharacter(text, random),
                1 => Insert(text, random, Garbage[random.Next(Garbage.Length)]),
                2 => text[..random.Next(text.Length + 1)],
                _ => EditTree(text, random, edit) ?? Insert(text, random, Garbage[random.Next(Garbage.Length)]),
            };
            edits.Append(edit).Append(' ');
        }
        return new CorruptedSpec(text, $"edits: {edits}");
    }

    private static string DeleteCharacter(string text, Random random) =>
        text.Length == 0 ? text : text.Remove(random.Next(text.Length), 1);

    private static string Insert(string text, Random random, string garbage) => text.Insert(random.Next(text.Length + 1), garbage);

    /// <summary>Renames, removes or retypes a random member or element; null when the text is no longer JSON.</summary>
    private static string? EditTree(string text, Random random, int edit)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (Exception)
        {
            return null;
        }
        var containers = new List<JsonNode>();
        Collect(root, containers);
        if (containers.Count == 0)
        {
            return null;
        }
        var container = containers[random.Next(containers.Count)];
        switch (container)
        {
            case JsonObject obj when obj.Count > 0:
                var key = obj.Select(p => p.Key).ElementAt(random.Next(obj.Count));
                var value = obj[key];
                obj.Remove(key);
                switch (edit)
                {
                    case 3: // misspell the name
                        obj[Misspell(key, random)] = value;
                        break;
                    case 4: // drop the field
                        break;
                    default: // change the value's type
                        obj[key] = Replacements[random.Next(Replacements.Length)]?.DeepClone();
                        break;
                }
                break;
            case JsonArray array when array.Count > 0:
                var index = random.Next(array.Count);
                array[index] = Replacements[random.Next(Replacements.Length)]?.DeepClone();
                break;
            default:
                return null;
        }
        try
        {
            return root!.ToJsonString();
        }
        catch (InvalidOperationException)
        {
            // JsonNode unescapes strings lazily: text with an escaped lone surrogate parses but cannot be written back.
            return null;
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> containers)
    {
        switch (node)
        {
            case JsonObject obj:
                containers.Add(obj);
                foreach (var (_, child) in obj)
                {
                    Collect(child, containers);
                }
                break;
            case JsonArray array:
                containers.Add(array);
                foreach (var child in array)
                {
                    Collect(child, containers);
                }
                break;
        }
    }

    private static string Misspell(string name, Random random)
    {
        if (name.Length < 2)
        {
            return name + "x";
        }
        var chars = name.ToCharArray();
        var at = random.Next(chars.Length - 1);
        return random.Next(3) switch
        {
            0 => name.Remove(at, 1),
            1 => name.Insert(at, "x"),
            _ => new string([.. chars[..at], chars[at + 1], chars[at], .. chars[(at + 2)..]]),
        };
    }
}
