using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Statistics;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>Witnesses combined from single inputs in any grouping are the worst input and the first wrong ones of all of them.</summary>
public class InputWitnessesProperties
{
    private sealed record Input(long Index, int[] Features, double Margin, bool Wrong);

    private static Gen<Input[]> Inputs { get; } =
        from count in Gen.Choose(0, 400)
        from margins in Gen.Choose(-5, 5).ArrayOf(count)
        from wrong in Gen.Elements(false, true, true).ArrayOf(count)
        from seed in Gen.Choose(0, 1000)
        select Enumerable.Range(0, count)
            .Select(k => new Input(k, [k % 7, 10 + (k % 11), 30 + (k % 13)], margins[k] / 2.0, wrong[k]))
            .OrderBy(input => (input.Index * 7919) % (seed + 401))
            .ToArray();

    [Property(MaxTest = 200)]
    public Property Combining_single_inputs_in_any_order_keeps_the_worst_and_the_first_wrong_ones() => Prop.ForAll(Arb.From(Inputs), inputs =>
    {
        var combined = inputs.Aggregate(InputWitnesses.Empty, (total, i) => total.Combine(InputWitnesses.Of(i.Index, i.Features, i.Margin, i.Wrong)));
        var halves = inputs.Length / 2;
        var left = inputs[..halves].Aggregate(InputWitnesses.Empty, (total, i) => InputWitnesses.Of(i.Index, i.Features, i.Margin, i.Wrong).Combine(total));
        var right = inputs[halves..].Aggregate(InputWitnesses.Empty, (total, i) => total.Combine(InputWitnesses.Of(i.Index, i.Features, i.Margin, i.Wrong)));

        Assert.Equal(combined, right.Combine(left));
        if (inputs.Length == 0)
        {
            Assert.Equal(-1, combined.WorstIndex);
            return;
        }
        var worst = inputs.OrderByDescending(i => i.Margin).ThenBy(i => i.Index).First();
        Assert.Equal(worst.Index, combined.WorstIndex);
        Assert.Equal(worst.Margin, combined.WorstMargin);
        Assert.Equal(worst.Features, combined.WorstInput.ToArray());
        var firstWrong = inputs.Where(i => i.Wrong).OrderBy(i => i.Index).Take(InputWitnesses.Cap).ToList();
        Assert.Equal(firstWrong.Select(i => i.Index), combined.Wrong.Select(w => w.Index));
        Assert.All(combined.Wrong.Zip(firstWrong), pair => Assert.Equal(pair.Second.Features, pair.First.Input.ToArray()));
    });
}
