using System.Collections.Immutable;

namespace Superposition.Decoding;

public abstract partial record Decoder
{
    /// <summary>
    /// An output is 1 iff every neuron of its support is above γ (docs/mathematics.md §3). Margin: the
    /// smallest activation on the support minus γ.
    /// </summary>
    public sealed record AllAbove : Decoder
    {
        public const string RuleName = "all-above";

        public AllAbove(double threshold)
        {
            Threshold = double.IsFinite(threshold) ? threshold : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "γ must be finite");
        }

        public override string Name => RuleName;

        public override double Threshold { get; }

        public override ImmutableArray<KeyValuePair<string, double>> Parameters => [KeyValuePair.Create("threshold", Threshold)];

        public override bool Fires(ReadOnlySpan<double> supportActivations)
        {
            if (supportActivations.IsEmpty)
            {
                return false;
            }
            foreach (var activation in supportActivations)
            {
                if (!(activation > Threshold))
                {
                    return false;
                }
            }
            return true;
        }

        public override double Margin(ReadOnlySpan<double> supportActivations)
        {
            var minimum = supportActivations.IsEmpty ? 0.0 : double.PositiveInfinity;
            foreach (var activation in supportActivations)
            {
                minimum = Math.Min(minimum, activation);
            }
            return minimum - Threshold;
        }
    }
}
