using System.Collections.Immutable;
using System.Globalization;

namespace Superposition.Decoding;

public abstract partial record Decoder
{
    /// <summary>
    /// An output is 1 iff at least <see cref="K"/> of its w support neurons are above γ. Margin: the k-th
    /// largest activation on the support minus γ, counting missing neurons (w &lt; k) as zero. With k = w
    /// this is <see cref="AllAbove"/>; a true output of a construction without false negatives has every
    /// neuron above γ, so it keeps that guarantee for every k ≥ 1, and trades it for more false positives.
    /// </summary>
    public sealed record KOfW : Decoder
    {
        public const string RuleName = "k-of-w";

        /// <summary>The metadata key that holds k in an exported network.</summary>
        public const string KKey = "decode_k";

        public KOfW(int k, double threshold)
        {
            K = k >= 1 ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1");
            Threshold = double.IsFinite(threshold) ? threshold : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "γ must be finite");
        }

        public int K { get; }

        public override string Name => RuleName;

        public override double Threshold { get; }

        public override ImmutableArray<KeyValuePair<string, double>> Parameters => [KeyValuePair.Create("k", (double)K), KeyValuePair.Create("threshold", Threshold)];

        public override bool Fires(ReadOnlySpan<double> supportActivations)
        {
            var above = 0;
            foreach (var activation in supportActivations)
            {
                above += activation > Threshold ? 1 : 0;
            }
            return above >= K;
        }

        public override double Margin(ReadOnlySpan<double> supportActivations)
        {
            if (supportActivations.Length < K)
            {
                return 0.0 - Threshold;
            }
            Span<double> sorted = supportActivations.Length <= 256 ? stackalloc double[supportActivations.Length] : new double[supportActivations.Length];
            supportActivations.CopyTo(sorted);
            sorted.Sort();
            return sorted[^K] - Threshold;
        }

        internal static int ReadK(IReadOnlyDictionary<string, string> metadata) =>
            metadata.TryGetValue(KKey, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1
                ? k
                : throw new InvalidDataException($"a '{RuleName}' decoder needs metadata '{KKey}', a whole number of at least 1");

        private protected override IEnumerable<KeyValuePair<string, string>> ExtraMetadata() =>
            [KeyValuePair.Create(KKey, K.ToString(CultureInfo.InvariantCulture))];
    }
}
