using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

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
/// validation (small 2-AND problems, constructions and distributions that fit them), and corrupted
/// ones made by random edits of valid ones, at the level of text (deleted or inserted characters,
/// truncation, huge numbers, deep nesting) and of the JSON tree (renamed, removed or retyped fields).
/// </summary>
public static class SpecGenerators
{
    private const int InputCount = 20; // C(20, 2) = 190 possible pairs

    private static readonly string[] Constructions = ["superposed-and", "dedicated", "representation", "random-and"];
    private static readonly string[] Distributions = ["uniform", "up-to", "with-true-pair", "hubs"];
    private static readonly int[] OutputCounts = [1, 5, 10, 40, 100, 190];
    private static readonly double[] NeuronFactors = [1.5, 2.0, 2.5, 3.0];

    /// <summary>Valid specs: up to four axes over output count (sometimes zipped with sparsity), construction, distribution and neuron_factor.</summary>
    public static Gen<GeneratedSpec> Valid { get; } = ValidUpTo(axisCount: 4, replicates: 3, new Evaluation(100, 25));

    /// <summary>Valid specs with one to three random edits applied.</summary>
    public static Gen<CorruptedSpec> Corrupted { get; } = CorruptedFrom(Valid);

    /// <summary>Valid specs small enough to run end to end many times in a property: at most two axes and two replicates, 20 samples a run.</summary>
    public static Gen<GeneratedSpec> Tiny { get; } = ValidUpTo(axisCount: 2, replicates: 2, new Evaluation(20, 10));

    /// <summary><see cref="Tiny"/> specs with one to three random edits applied; those that stay valid stay small.</summary>
    public static Gen<CorruptedSpec> TinyCorrupted { get; } = CorruptedFrom(Tiny);

    /// <summary>How generated specs are evaluated: samples per run and batch size.</summary>
    private sealed record Evaluation(int Samples, int BatchSize);

    private static Gen<GeneratedSpec> ValidUpTo(int axisCount, int replicates, Evaluation evaluation) =>
        from seed in Gen.Choose(0, int.MaxValue)
        from replicateCount in Gen.Choose(1, replicates)
        from sparsity in Gen.Choose(2, 3)
        from outputCount in Gen.Elements(OutputCounts)
        from construction in Gen.Elements(Constructions)
        from distribution in Gen.Elements(Distributions)
        from axisKinds in Gen.Shuffle(new[] { "outputs", "construction", "distribution", "neuron_factor" }).SelectMany(kinds => Gen.Choose(0, axisCount).Select(count => kinds.Take(count).ToArray()))
        from axes in Gen.CollectToArray(axisKinds, Axis)
        from repeatBase in Gen.Elements(true, false)
        select Build(seed, replicateCount, sparsity, outputCount, construction, distribution, axes, repeatBase, evaluation);

    private static Gen<CorruptedSpec> CorruptedFrom(Gen<GeneratedSpec> specs) =>
        from spec in specs
        from editSeed in Gen.Choose(0, int.MaxValue)
        from editCount in Gen.Choose(1, 3)
        select Corrupt(spec.Text, editSeed, editCount);

    /// <summary>For <c>[Property(Arbitrary = [typeof(SpecGenerators)])]</c>.</summary>
    public static Arbitrary<GeneratedSpec> GeneratedSpecs() => Valid.ToArbitrary();

    /// <summary>For <c>[Property(Arbitrary = [typeof(SpecGenerators)])]</c>.</summary>
    public static Arbitrary<CorruptedSpec> CorruptedSpecs() => Corrupted.ToArbitrary();

    /// <summary>One axis object of the given kind, with distinct values.</summary>
    private static Gen<(JsonObject Axis, int Length)> Axis(string kind) => kind switch
    {
        "outputs" =>
            from outputs in NonEmptySubset(OutputCounts)
            from zipSparsity in Gen.Elements(true, false)
            from sparsities in Gen.ArrayOf(Gen.Choose(2, 3), outputs.Length)
            select (zipSparsity
                ? new JsonObject { ["problem.output_count"] = Array(outputs), ["problem.sparsity"] = Array(sparsities) }
                : new JsonObject { ["problem.output_count"] = Array(outputs) }, outputs.Length),
        "construction" => NonEmptySubset(Constructions).Select(names => (new JsonObject { ["construction"] = Array(names) }, names.Length)),
        "distribution" => NonEmptySubset(Distributions).Select(names => (new JsonObject { ["input_distribution"] = Array(names) }, names.Length)),
        _ => NonEmptySubset(NeuronFactors).Select(factors => (new JsonObject { ["params.neuron_factor"] = Array(factors) }, factors.Length)),
    };

    private static Gen<T[]> NonEmptySubset<T>(T[] items) =>
        from shuffled in Gen.Shuffle(items)
        from count in Gen.Choose(1, Math.Min(3, items.Length))
        select shuffled.Take(count).ToArray();

    private static JsonArray Array<T>(IEnumerable<T> values) => [.. values.Select(v => JsonValue.Create(v))];

    private static GeneratedSpec Build(int seed, int replicates, int sparsity, int outputCount, string construction, string distribution, (JsonObject Axis, int Length)[] axes, bool repeatBase, Evaluation evaluation)
    {
        var varied = axes.SelectMany(a => a.Axis.Select(p => p.Key)).ToHashSet();
        bool Base(string field) => repeatBase || !varied.Contains(field); // a base value under an axis is allowed and overridden
        var problem = new JsonObject { ["kind"] = "and", ["graph"] = "random", ["input_count"] = InputCount };
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
        return root!.ToJsonString();
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
