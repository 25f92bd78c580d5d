using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Superposition.Constructions;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Statistics;

namespace Superposition.Testing;

/// <summary>
/// FsCheck generators of valid Core values, small enough for properties: at most
/// <see cref="MaxInputs"/> inputs, <see cref="MaxOutputs"/> outputs and sparsity <see cref="MaxSparsity"/>,
/// growing with FsCheck's size. Constructions come from <see cref="ConstructionRegistry.All"/>, so a
/// newly registered construction is generated with no change here.
/// </summary>
public static class CoreGenerators
{
    public const int MaxInputs = 60;

    public const int MaxOutputs = 200;

    public const int MaxSparsity = 4;

    /// <summary>Complete graphs stay within <see cref="MaxOutputs"/>: C(20, 2) = 190.</summary>
    private const int MaxCompleteInputs = 20;

    /// <summary>Multipliers applied to a numeric default to reach small, large and adversarial values.</summary>
    private static readonly double[] Scales = [1.0 / 8, 1.0 / 4, 1.0 / 2, 3.0 / 4, 3.0 / 2, 2, 4];

    /// <summary>Any 64-bit seed.</summary>
    public static Gen<Seed> Seeds { get; } =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select new Seed(((ulong)(uint)high << 32) | (uint)low);

    /// <summary>Finite doubles of every magnitude and sign (never NaN or ∞, which the default generator produces).</summary>
    public static Gen<double> FiniteDoubles { get; } = Gen.Frequency(
        (3, from numerator in Gen.Choose(-1_000_000, 1_000_000) select numerator / 1000.0),
        (1, from mantissa in Gen.Choose(-1_000_000, 1_000_000) from exponent in Gen.Choose(-300, 300) select mantissa * Math.Pow(10, exponent - 6)),
        (1, Gen.Elements(0.0, -0.0, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon)));

    /// <summary>A margin as <see cref="ErrorStatistics"/> records it: finite, or ±∞ for "no such output".</summary>
    public static Gen<double> Margins { get; } = Gen.Frequency(
        (4, FiniteDoubles),
        (1, Gen.Elements(double.PositiveInfinity, double.NegativeInfinity)));

    /// <summary>Error statistics of any (possibly inconsistent) counts; the monoid laws hold for all of them.</summary>
    public static Gen<ErrorStatistics> ErrorStatistics { get; } =
        from samples in Gen.Choose(0, 100_000)
        from correct in Gen.Choose(0, samples)
        from trueOutputs in Gen.Choose(0, 1_000_000)
        from falsePositives in Gen.Choose(0, 1_000_000)
        from falseNegatives in Gen.Choose(0, 1_000_000)
        from minTrue in Margins
        from maxFalse in Margins
        from squares in Gen.Choose(0, int.MaxValue)
        from squaresScale in Gen.Elements(1L, 1L << 31, long.MaxValue)
        from sharing in Gen.Choose(0, falsePositives)
        from classes in TrueOutputClasses
        from witnesses in InputWitnesses
        from searchEvaluations in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, int.MaxValue)))
        select new ErrorStatistics(samples, correct, trueOutputs, falsePositives, falseNegatives, minTrue, maxFalse, (Int128)squares * squaresScale, sharing, classes, witnesses, searchEvaluations);

    /// <summary>
    /// Witnesses of any shape: none, or a worst input with up to 150 wrong ones (beyond the cap, so
    /// the cut is exercised), with indices drawn from a small range so that ties and repeats occur.
    /// </summary>
    public static Gen<InputWitnesses> InputWitnesses { get; } = Gen.Frequency(
        (1, Gen.Constant(Statistics.InputWitnesses.Empty)),
        (4, from worstIndex in Gen.Choose(0, 300)
            from worstMargin in Margins
            from worstInput in Gen.Choose(0, 9).ArrayOf(3)
            from count in Gen.Frequency((4, Gen.Choose(0, 5)), (1, Gen.Choose(90, 150)))
            from wrong in (from index in Gen.Choose(0, 300) from input in Gen.Choose(0, 9).ArrayOf(2) select new InputWitnesses.Witness(index, [.. input])).ArrayOf(count)
            select Statistics.InputWitnesses.Create(worstIndex, worstMargin, [.. worstInput], wrong)));

    /// <summary>Class counts of any (possibly inconsistent) size; the monoid laws hold for all of them.</summary>
    public static Gen<TrueOutputClasses> TrueOutputClasses { get; } =
        from counts in Gen.Choose(0, 100_000).ArrayOf(8)
        select new TrueOutputClasses(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7]);

    /// <summary>Valid 2-AND specs for the pair-set generator <paramref name="graph"/> (one of <see cref="PairGraphs.Names"/>).</summary>
    public static Gen<ProblemSpec> AndSpecs(string graph) => Gen.Sized(size => graph switch
    {
        "random" =>
            from m in Gen.Choose(2, InputBound(size))
            from outputs in Gen.Choose(1, PairBound(m))
            from s in Sparsities(m)
            select new ProblemSpec(ProblemKind.And, graph, m, outputs, s),
        "complete" =>
            from m in Gen.Choose(2, Math.Min(MaxCompleteInputs, InputBound(size)))
            from s in Sparsities(m)
            select new ProblemSpec(ProblemKind.And, graph, m, m * (m - 1) / 2, s),
        "matching" =>
            from m in Gen.Choose(2, InputBound(size))
            from outputs in Gen.Choose(1, m / 2)
            from s in Sparsities(m)
            select new ProblemSpec(ProblemKind.And, graph, m, outputs, s),
        "hubs" =>
            from m in Gen.Choose(2, InputBound(size))
            from outputs in Gen.Choose(1, PairBound(m))
            from hubCount in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, m - 1)))
            from twentieths in Gen.Choose(0, 20)
            from s in Sparsities(m)
            select new ProblemSpec(ProblemKind.And, graph, m, outputs, s, hubCount, HubFraction(m, outputs, hubCount, twentieths)),
        "power-law" =>
            from m in Gen.Choose(2, InputBound(size))
            from outputs in Gen.Choose(1, PairBound(m))
            from tenths in Gen.Choose(0, 40)
            from s in Sparsities(m)
            select new ProblemSpec(ProblemKind.And, graph, m, outputs, s, PowerLawExponent: tenths / 10.0),
        _ => throw new ArgumentOutOfRangeException(nameof(graph), graph, "no generator for this pair-set generator"),
    });

    /// <summary>Valid 2-AND specs over every pair-set generator.</summary>
    public static Gen<ProblemSpec> AndSpecs() => Gen.OneOf(PairGraphs.Names.Select(AndSpecs));

    /// <summary>Valid permutation specs (m = m').</summary>
    public static Gen<ProblemSpec> PermutationSpecs() => Gen.Sized(size =>
        from m in Gen.Choose(1, InputBound(size))
        from s in Sparsities(m)
        select new ProblemSpec(ProblemKind.Permutation, "permutation", m, m, s));

    /// <summary>
    /// Valid circuit specs of depth 1..4, both generators: random layers of 1..MaxOutputs/2 gates (at least
    /// 3 from depth 2, at most C(m, 2)), or 1..6 balanced trees with m = m' · 2^d; kept small, since every
    /// stage is sized for its sparsity bound and the dense reference materialises every layer.
    /// </summary>
    public static Gen<ProblemSpec> CircuitSpecs() => Gen.Sized(size => Gen.OneOf(
        from depth in Gen.Choose(1, 4)
        from m in Gen.Choose(3, Math.Max(3, InputBound(size) / 2))
        from outputs in Gen.Choose(depth == 1 ? 1 : 3, Math.Max(3, PairBound(m) / 2))
        from s in Sparsities(m)
        select new ProblemSpec(ProblemKind.Circuit, "random-layered", m, outputs, s, Depth: depth),
        from depth in Gen.Choose(1, 4)
        from trees in Gen.Choose(1, 6)
        from s in Sparsities(trees << depth)
        select new ProblemSpec(ProblemKind.Circuit, "and-trees", trees << depth, trees, s, Depth: depth)));

    public static Gen<ProblemSpec> Specs(ProblemKind kind) => kind switch
    {
        ProblemKind.And => AndSpecs(),
        ProblemKind.Permutation => PermutationSpecs(),
        ProblemKind.Circuit => CircuitSpecs(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown problem kind"),
    };

    /// <summary>Valid specs of every problem kind.</summary>
    public static Gen<ProblemSpec> Specs() => Gen.OneOf(Enum.GetValues<ProblemKind>().Select(Specs));

    /// <summary>
    /// Parameters each of which passes its own check: the default half the time, otherwise the default
    /// scaled down or up (adversarially small values included), every choice equally often. Whether they
    /// suit a given problem is decided by <see cref="BuildCases"/>.
    /// </summary>
    public static Gen<ConstructionRequest> Parameters(ConstructionDefinition definition) =>
        from values in Gen.CollectToArray(definition.Parameters, Value)
        select Resolve(definition, values);

    /// <summary>A registered construction with parameters for it.</summary>
    public static Gen<(ConstructionDefinition Definition, ConstructionRequest Parameters)> Constructions() =>
        from definition in Gen.Elements(ConstructionRegistry.All.AsEnumerable())
        from parameters in Parameters(definition)
        select (definition, parameters);

    /// <summary>
    /// Buildable cases of <paramref name="definition"/>: a spec of a kind it solves, parameters that
    /// pass its validation for that spec (generated, or its defaults), and seeds.
    /// </summary>
    public static Gen<BuildCase> BuildCases(ConstructionDefinition definition, bool defaultParameters = false) => Retry(
        from kind in Gen.Elements(definition.Solves.AsEnumerable())
        from spec in Specs(kind)
        from parameters in defaultParameters ? Gen.Constant(definition.Defaults) : Parameters(definition)
        from problemSeed in Seeds
        from constructionSeed in Seeds
        select new BuildCase(definition, spec, parameters, problemSeed, constructionSeed),
        c => !c.Definition.Validate(c.Spec, c.Request).Any() && FitsTheDenseReference(c),
        $"no buildable case of '{definition.Name}'{(defaultParameters ? " with its default parameters" : "")}; do its defaults pass its own Check?");

    /// <summary>
    /// Whether the case's network is small enough for the dense reference evaluator (n_in · n_out at most
    /// 5 · 10⁷), which the invariants compare against. A construction sized from the problem can reach
    /// far beyond that on a small problem when a generated parameter is adversarial (random-and with a
    /// noise budget of 1/32 needs hundreds of thousands of neurons), which is valid but not checkable.
    /// </summary>
    private static bool FitsTheDenseReference(BuildCase c)
    {
        var sizes = c.Definition.EstimateSizes(c.Spec, c.Request);
        return sizes.InputNeurons * sizes.OutputNeurons <= 50_000_000 && sizes.OutputNeurons <= 200_000;
    }

    /// <summary>
    /// Inputs of <paramref name="problem"/> with at most s distinct active features, ascending; for 2-AND
    /// (and a circuit's first layer) about half of them contain a pair of the pair set, so true outputs are exercised.
    /// </summary>
    public static Gen<int[]> Inputs(Problem problem)
    {
        var m = problem.InputCount;
        var s = problem.Sparsity;
        // For a circuit, a first-layer gate's pair, so that true gates reach the layers above.
        var pairs = (problem as AndProblem)?.Pairs ?? (problem as CircuitProblem)?.Circuit.Layers[0];
        return
            from size in Gen.Choose(0, s)
            from withPair in Gen.Elements(pairs is not null && s >= 2, false)
            from pair in Gen.Choose(0, Math.Max(0, (pairs?.Count ?? 1) - 1))
            from others in Gen.ArrayOf(Gen.Choose(0, m - 1), s)
            select Compose(withPair ? [pairs!.First[pair], pairs.Second[pair]] : [], others, withPair ? Math.Max(2, size) : size);
    }

    /// <summary>
    /// Like Gen.Where, but gives up with an exception naming <paramref name="failure"/> after
    /// <paramref name="attempts"/> rejections instead of looping forever (for example on a construction
    /// whose defaults fail its own Check).
    /// </summary>
    private static Gen<T> Retry<T>(Gen<T> generator, Func<T, bool> accept, string failure, int attempts = 200)
    {
        return Attempt(attempts);

        Gen<T> Attempt(int left) => generator.SelectMany(candidate => accept(candidate) ? Gen.Constant(candidate)
            : left > 1 ? Attempt(left - 1)
            : throw new InvalidOperationException($"{failure} ({attempts} candidates rejected in a row)"));
    }

    private static int[] Compose(int[] required, int[] others, int size)
    {
        var chosen = new SortedSet<int>(required);
        foreach (var input in others)
        {
            if (chosen.Count >= size)
            {
                break;
            }
            chosen.Add(input);
        }
        return [.. chosen];
    }

    private static Gen<object> Value(ParameterDefinition parameter)
    {
        if (parameter.IsChoice)
        {
            return Gen.Elements(parameter.Choices.AsEnumerable()).Select(choice => (object)choice);
        }
        if (parameter.IsText)
        {
            // Free text has no range to draw from: its default is the one value every construction accepts.
            return Gen.Constant((object)parameter.DefaultChoice!);
        }
        var defaultValue = parameter.DefaultNumber!.Value;
        // A default of 0 means "sized from the problem" (random-and's neurons and connection_probability):
        // scaling it gives 0 again, so draw set values around the usual sizes as well.
        var scaled = defaultValue == 0
            ? (parameter.Integer ? Gen.Choose(1, 400).Select(v => (double)v) : Gen.Elements(1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2, 1.0)).Select(value => Adjust(parameter, value))
            : Gen.Elements(Scales).Select(scale => Adjust(parameter, defaultValue * scale));
        return Gen.Frequency((1, Gen.Constant(defaultValue)), (1, scaled)).Select(value => (object)value);
    }

    /// <summary>Rounds whole-number parameters and keeps every value inside the parameter's range (limits included where they are).</summary>
    private static double Adjust(ParameterDefinition parameter, double value)
    {
        var range = parameter.Range;
        if (parameter.Integer)
        {
            value = Math.Round(value);
        }
        if (!(range.MinimumInclusive ? value >= range.Minimum : value > range.Minimum))
        {
            value = parameter.Integer ? Math.Floor(range.Minimum) + 1 : range.Minimum + (Math.Abs(parameter.DefaultNumber!.Value) / 8);
            value = range.MinimumInclusive && parameter.Integer ? Math.Ceiling(range.Minimum) : value;
        }
        if (!(range.MaximumInclusive ? value <= range.Maximum : value < range.Maximum))
        {
            value = range.MaximumInclusive ? range.Maximum : parameter.Integer ? Math.Ceiling(range.Maximum) - 1 : (range.Maximum + range.Minimum) / 2;
        }
        return value;
    }

    private static ConstructionRequest Resolve(ConstructionDefinition definition, object[] values)
    {
        var raw = definition.Parameters.Select((parameter, k) => KeyValuePair.Create(parameter.Name, values[k])).ToImmutableDictionary();
        var (request, errors) = definition.Resolve(raw, "");
        return request ?? throw new InvalidOperationException($"generated invalid parameters for '{definition.Name}': {string.Join("; ", errors)}");
    }

    private static int InputBound(int size) => 2 + (Math.Clamp(size, 0, 100) * (MaxInputs - 2) / 100);

    private static int PairBound(int inputs) => (int)Math.Min(MaxOutputs, (long)inputs * (inputs - 1) / 2);

    private static Gen<int> Sparsities(int inputs) => Gen.Choose(1, Math.Min(MaxSparsity, inputs));

    /// <summary>A hub fraction in [0, 1] whose hub pairs fit in the pairs the hubs have: k/20 of the largest such fraction.</summary>
    private static double HubFraction(int inputs, int outputs, int hubCount, int twentieths)
    {
        long hubs = new ProblemSpec(ProblemKind.And, "hubs", inputs, outputs, 1, hubCount).EffectiveHubCount;
        var capacity = (hubs * (inputs - 1)) - (hubs * (hubs - 1) / 2);
        var largest = Math.Min(1.0, (double)capacity / outputs);
        return twentieths * largest / 20;
    }
}
