using Superposition.Codes;

namespace Superposition.Networks;

/// <summary>
/// How an input x ∈ {0,1}^m (its set of active features) becomes the first activation vector a
/// (docs/mathematics.md §4.7). A closed sum type; every evaluator switches over it once per batch.
/// </summary>
public abstract record InputStage
{
    private InputStage()
    {
    }

    /// <summary>Features the stage reads (m, or m' for <see cref="Targets"/>).</summary>
    public abstract int FeatureCount { get; }

    /// <summary>Length of the activation vector the stage produces.</summary>
    public abstract int Width { get; }

    /// <summary>The <c>input_encoding</c> column value: explicit, superposed, targets or embedding.</summary>
    public abstract string EncodingName { get; }

    /// <summary>a = x: one neuron per feature (the explicit encoding). Its code is the identity.</summary>
    public sealed record OneHot : InputStage
    {
        public OneHot(int featureCount)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(featureCount);
            Code = CodeFactory.Explicit(featureCount);
        }

        public OneHot(Code code)
        {
            ArgumentNullException.ThrowIfNull(code);
            Code = code.IsExplicit ? code : throw new ArgumentException("a one-hot stage needs the explicit code", nameof(code));
        }

        public Code Code { get; }

        public override int FeatureCount => Code.FeatureCount;

        public override int Width => Code.NeuronCount;

        public override string EncodingName => "explicit";
    }

    /// <summary>a_j = 1 iff some active feature's support holds neuron j (superposed inputs).</summary>
    public sealed record CodeOr(Code Code) : InputStage
    {
        public override int FeatureCount => Code.FeatureCount;

        public override int Width => Code.NeuronCount;

        public override string EncodingName => "superposed";
    }

    /// <summary>a = E·x, a real d × m matrix as in toy models of superposition (column j is feature j's direction).</summary>
    public sealed record Embedding(WeightMatrix Weights) : InputStage
    {
        public override int FeatureCount => Weights.ColumnCount;

        public override int Width => Weights.RowCount;

        public override string EncodingName => "embedding";
    }

    /// <summary>a_j = 1 iff some true output's support holds j: the representation baseline's oracle input, reading y instead of x.</summary>
    public sealed record Targets(Code Code) : InputStage
    {
        public override int FeatureCount => Code.FeatureCount;

        public override int Width => Code.NeuronCount;

        public override string EncodingName => "targets";
    }

    /// <summary>The code of a stage that has one (not an embedding).</summary>
    public Code? CodeOrNull => this switch
    {
        OneHot stage => stage.Code,
        CodeOr stage => stage.Code,
        Targets stage => stage.Code,
        _ => null,
    };
}
