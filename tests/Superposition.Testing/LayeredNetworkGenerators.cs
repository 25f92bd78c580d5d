using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Superposition.Codes;
using Superposition.Constructions;
using Superposition.Decoding;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

namespace Superposition.Testing;

/// <summary>
/// Small networks of every shape the layered representation holds: each input stage (one-hot, code-OR,
/// embedding, targets) × 1–3 layers (factored first after a code stage, affine dense F64, dense F32 or
/// sparse, ReLU or identity) × read-out (code with each decoder, or per-output thresholds). Weights,
/// biases and thresholds come from a mix of small integers and halves (so sums land exactly on
/// thresholds and on zero) and arbitrary doubles.
/// </summary>
public static class LayeredNetworkGenerators
{
    /// <summary>What a generated network is made of, so a counterexample names its shape.</summary>
    public sealed record Shape(string Stage, ImmutableArray<string> Layers, string Readout, string Decoder, Seed Seed)
    {
        public override string ToString() => $"{Stage} → [{string.Join(", ", Layers)}] → {Readout}/{Decoder}, seed 0x{Seed}";
    }

    public static readonly ImmutableArray<string> Stages = ["one-hot", "code-or", "embedding", "targets"];

    public static readonly ImmutableArray<string> LayerKinds = ["factored", "dense-f64", "dense-f32", "sparse"];

    public static readonly ImmutableArray<string> Readouts = ["code", "threshold"];

    /// <summary>Shapes: the factored kind appears only as layer 0 after a one-hot or code-OR stage.</summary>
    public static Gen<Shape> Shapes { get; } =
        from stage in Gen.Elements(Stages.AsEnumerable())
        from count in Gen.Choose(1, 3)
        from kinds in Gen.ArrayOf(Gen.Elements(LayerKinds.AsEnumerable()), count)
        from readout in Gen.Elements(Readouts.AsEnumerable())
        from decoder in Gen.Elements(Decoder.Names.AsEnumerable())
        from seed in CoreGenerators.Seeds
        select new Shape(stage, [.. kinds.Select((kind, k) => kind == "factored" && (k > 0 || stage is "embedding" or "targets") ? "sparse" : kind)], readout, decoder, seed);

    /// <summary>Shapes the layered file format holds: no targets stage (a representation baseline is not imported) and affine layers only.</summary>
    public static Gen<Shape> ImportableShapes { get; } =
        from shape in Shapes
        select shape with
        {
            Stage = shape.Stage == "targets" ? "embedding" : shape.Stage,
            Layers = [.. shape.Layers.Select(kind => kind == "factored" ? "dense-f64" : kind)],
        };

    /// <summary>A shape with the network it describes and inputs for it.</summary>
    public static Gen<(Shape Shape, Network Network, int[][] Inputs)> Networks { get; } = WithInputs(Shapes);

    /// <summary>Importable networks (<see cref="ImportableShapes"/>) with inputs.</summary>
    public static Gen<(Shape Shape, Network Network, int[][] Inputs)> ImportableNetworks { get; } = WithInputs(ImportableShapes);

    private static Gen<(Shape Shape, Network Network, int[][] Inputs)> WithInputs(Gen<Shape> shapes) =>
        from shape in shapes
        let network = Build(shape)
        from inputs in Gen.ArrayOf(CoreGenerators.Inputs(network.Problem), 12)
        select (shape, network, inputs);

    /// <summary>Builds the network a shape describes, drawing sizes and values from its seed.</summary>
    public static Network Build(Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var rng = new Rng(shape.Seed);
        var m = 2 + rng.NextInt(9);
        var possible = m * (m - 1) / 2;
        var spec = new ProblemSpec(ProblemKind.And, "random", m, 1 + rng.NextInt(Math.Min(possible, 15)), 1 + rng.NextInt(Math.Min(4, m)));
        var problem = ProblemGeneration.Generate(spec, new Seed(rng.NextUInt64()));
        var features = shape.Stage == "targets" ? problem.OutputCount : problem.InputCount;
        InputStage stage = shape.Stage switch
        {
            "one-hot" => new InputStage.OneHot(features),
            "code-or" => new InputStage.CodeOr(UniformCode(features, 3 + rng.NextInt(10), rng)),
            "embedding" => new InputStage.Embedding(Matrix("dense-f64", 1 + rng.NextInt(10), features, rng)),
            _ => new InputStage.Targets(UniformCode(features, 3 + rng.NextInt(10), rng)),
        };
        var outputCode = UniformCode(problem.OutputCount, 2 + rng.NextInt(12), rng);
        var lastWidth = shape.Readout == "code" ? outputCode.NeuronCount : problem.OutputCount;
        var layers = ImmutableArray.CreateBuilder<Layer>();
        var width = stage.Width;
        for (var k = 0; k < shape.Layers.Length; k++)
        {
            var units = k == shape.Layers.Length - 1 ? lastWidth : 1 + rng.NextInt(8);
            layers.Add(shape.Layers[k] == "factored" ? FactoredLayer(units, stage.CodeOrNull!, rng) : AffineLayer(shape.Layers[k], units, width, k == shape.Layers.Length - 1, rng));
            width = units;
        }
        Readout readout = shape.Readout == "code"
            ? new Readout.Code(outputCode, DrawDecoder(shape.Decoder, rng))
            : new Readout.Threshold([.. Enumerable.Range(0, problem.OutputCount).Select(_ => Value(rng))]);
        return Network.Create("generated", ConstructionParameters.Empty, problem, shape.Seed, stage, layers.ToImmutable(), readout, []);
    }

    private static Code UniformCode(int features, int neurons, Rng rng) => CodeFactory.Uniform(features, neurons, 1 + rng.NextInt(Math.Min(3, neurons)), rng);

    private static Decoder DrawDecoder(string name, Rng rng)
    {
        var threshold = rng.NextInt(4) switch { 0 => 0.0, 1 => 0.5, 2 => 1.0, _ => rng.NextDouble() * 2 };
        return name switch
        {
            Decoder.AllAbove.RuleName => new Decoder.AllAbove(threshold),
            Decoder.MeanAbove.RuleName => new Decoder.MeanAbove(threshold),
            _ => new Decoder.KOfW(1 + rng.NextInt(3), threshold),
        };
    }

    /// <summary>A weight, bias or threshold: often a small integer or half (exact sums, ties), sometimes zero, sometimes any double of moderate size.</summary>
    private static double Value(Rng rng) => rng.NextInt(5) switch
    {
        0 => 0.0,
        1 => rng.NextInt(5) - 2,
        2 => (rng.NextInt(9) - 4) / 2.0,
        3 => (rng.NextDouble() - 0.5) * 4,
        _ => (rng.NextDouble() - 0.3) * Math.Pow(10, rng.NextInt(7) - 3),
    };

    private static WeightMatrix Matrix(string kind, int rows, int columns, Rng rng)
    {
        var density = rng.NextDouble();
        var values = new double[rows * columns];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = rng.NextDouble() < density ? Value(rng) : 0.0;
        }
        switch (kind)
        {
            case "dense-f32":
                return new WeightMatrix.Dense(rows, columns, [.. values.Select(v => (double)(float)v)], singlePrecision: true);
            case "sparse":
                // Coordinates in shuffled order, explicit zeros kept: the reader sorts and zeros add nothing.
                var coordinates = Enumerable.Range(0, values.Length).Where(k => values[k] != 0 || rng.NextInt(8) == 0).ToArray();
                for (var k = coordinates.Length - 1; k > 0; k--)
                {
                    var other = rng.NextInt(k + 1);
                    (coordinates[k], coordinates[other]) = (coordinates[other], coordinates[k]);
                }
                return WeightMatrix.Sparse.FromCoordinates(rows, columns, [.. coordinates.Select(k => k / columns)], [.. coordinates.Select(k => k % columns)], [.. coordinates.Select(k => values[k])]);
            default:
                return new WeightMatrix.Dense(rows, columns, values);
        }
    }

    private static Layer.Affine AffineLayer(string kind, int units, int width, bool last, Rng rng) =>
        new(Matrix(kind, units, width, rng), [.. Enumerable.Range(0, units).Select(_ => Value(rng))], last && rng.NextInt(2) == 0 ? Activation.Identity : Activation.Relu);

    private static Layer.Factored FactoredLayer(int units, Code code, Rng rng)
    {
        var offsets = new int[code.FeatureCount + 1];
        var rows = new List<int>();
        var weights = new List<int>();
        for (var feature = 0; feature < code.FeatureCount; feature++)
        {
            var chosen = Enumerable.Range(0, units).Where(_ => rng.NextInt(3) == 0).ToArray();
            rows.AddRange(chosen);
            weights.AddRange(chosen.Select(_ => 1 + rng.NextInt(3)));
            offsets[feature + 1] = rows.Count;
        }
        var biases = Enumerable.Range(0, units).Select(_ => -(0.25 + (rng.NextInt(12) / 4.0))).ToImmutableArray();
        return new Layer.Factored(new ComputeMatrix(units, offsets, [.. rows], [.. weights]), biases, code.NeuronCount);
    }
}
