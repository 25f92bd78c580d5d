using System.Collections.Immutable;
using Superposition.Decoding;

namespace Superposition.Networks;

/// <summary>How the outputs are read from the last activation vector. A closed sum type.</summary>
public abstract record Readout
{
    private Readout()
    {
    }

    /// <summary>Outputs the read-out produces (m').</summary>
    public abstract int OutputCount { get; }

    /// <summary>Units of the last activation vector it reads.</summary>
    public abstract int InputWidth { get; }

    /// <summary>Output e fires iff the decoder reads its code's support as 1 (docs/mathematics.md §3).</summary>
    public sealed record Code(Codes.Code OutputCode, Decoder Decoder) : Readout
    {
        public override int OutputCount => OutputCode.FeatureCount;

        public override int InputWidth => OutputCode.NeuronCount;
    }

    /// <summary>Output e fires iff unit e of the last layer is strictly above θ_e; its margin is the value minus θ_e.</summary>
    public sealed record Threshold : Readout
    {
        public Threshold(ImmutableArray<double> thresholds)
        {
            if (thresholds.Any(t => !double.IsFinite(t)))
            {
                throw new ArgumentException("every threshold must be finite", nameof(thresholds));
            }
            Thresholds = thresholds;
        }

        public ImmutableArray<double> Thresholds { get; }

        public override int OutputCount => Thresholds.Length;

        public override int InputWidth => Thresholds.Length;
    }
}
