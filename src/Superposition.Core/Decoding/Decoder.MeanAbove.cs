using System.Collections.Immutable;

namespace Superposition.Decoding;

public abstract partial record Decoder
{
    /// <summary>
    /// An output is 1 iff the mean activation over its support is above θ (the random-and peer,
    /// docs/mathematics.md §6). The sum runs in support order, which every evaluator keeps, so the
    /// floating-point mean and the decision agree bit for bit.
    /// </summary>
    public sealed record MeanAbove : Decoder
    {
        public const string RuleName = "mean-above";

        public MeanAbove(double threshold)
        {
            Threshold = double.IsFinite(threshold) ? threshold : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "θ must be finite");
        }

        public override string Name => RuleName;

        public override double Threshold { get; }

        public override ImmutableArray<KeyValuePair<string, double>> Parameters => [KeyValuePair.Create("threshold", Threshold)];

        public override bool Fires(ReadOnlySpan<double> supportActivations) =>
            !supportActivations.IsEmpty && Mean(supportActivations) > Threshold;

        public override double Margin(ReadOnlySpan<double> supportActivations) =>
            (supportActivations.IsEmpty ? 0.0 : Mean(supportActivations)) - Threshold;

        private static double Mean(ReadOnlySpan<double> supportActivations)
        {
            var sum = 0.0;
            foreach (var activation in supportActivations)
            {
                sum += activation;
            }
            return sum / supportActivations.Length;
        }
    }
}
