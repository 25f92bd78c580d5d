using FsCheck;
using FsCheck.Fluent;
using Superposition.Codes;
using Superposition.Networks;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The packed copy of a code of one width, read back by its documented layout: feature f's slot starts
/// f · WordsPerSlot words in, field j sits in word j / FieldsPerWord at bit (j mod FieldsPerWord) · Bits.
/// Neuron counts reach field widths of 1 to 21 bits, widths 0 to 70 (slots of one word up to several lines).
/// </summary>
public class PackedCodesProperties
{
    private static Gen<Code> Codes() =>
        from seed in Gen.Choose(0, int.MaxValue)
        from neurons in Gen.Elements(1, 2, 3, 64, 65, 1_000, 5_000, (1 << 20) + 1)
        from features in Gen.Choose(0, 40)
        from width in Gen.Choose(0, 70)
        select Draw(new Rng(new Seed((ulong)seed)), neurons, features, Math.Min(width, neurons));

    private static Code Draw(Rng rng, int neurons, int features, int width)
    {
        var offsets = Enumerable.Range(0, features + 1).Select(f => f * width).ToArray();
        var supports = new int[features * width];
        for (var f = 0; f < features; f++)
        {
            Sampling.DistinctInRange(rng, 0, neurons, supports.AsSpan(f * width, width));
        }
        return new Code(neurons, offsets, supports);
    }

    [Fact]
    public unsafe void Every_feature_reads_back_from_its_slot()
    {
        PropertyCheck.Run(Codes(), code =>
        {
            using var packed = PackedCodes.Pack(code);
            Assert.NotNull(packed);
            Assert.Equal(code.FeatureCount == 0 ? 0 : code.Width(0), packed.Width);
            Assert.True((1L << packed.Bits) >= code.NeuronCount, $"{packed.Bits} bits for {code.NeuronCount} neurons");
            Assert.Equal(64 / packed.Bits, packed.FieldsPerWord);
            Assert.True(packed.WordsPerSlot is 1 or 2 or 4 || packed.WordsPerSlot % 8 == 0, $"{packed.WordsPerSlot} words per slot");
            Assert.True((long)packed.WordsPerSlot * packed.FieldsPerWord >= packed.Width);
            Assert.Equal(0, (long)packed.Slots % 64);
            for (var f = 0; f < code.FeatureCount; f++)
            {
                var slot = packed.Slots + (long)f * packed.WordsPerSlot;
                var fields = Enumerable.Range(0, packed.Width)
                    .Select(j => (int)((slot[j / packed.FieldsPerWord] >> (j % packed.FieldsPerWord * packed.Bits)) & ((1UL << packed.Bits) - 1)));
                Assert.Equal(code.Support(f).ToArray(), fields.ToArray());
            }
        }, maxTest: 300);
    }

    [Fact]
    public void A_code_of_several_widths_is_not_packed()
    {
        var code = new Code(10, [0, 1, 3], [4, 5, 6]);
        Assert.Null(PackedCodes.Pack(code));
    }
}
