using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Constructions;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>The code and channel structure of superposed-and (docs/mathematics.md §4.1–4.3, invariant 2).</summary>
public class SuperposedAndProperties
{
    [Property(Arbitrary = [typeof(SuperposedAndCases)], MaxTest = 60)]
    public void Codes_have_width_b_and_inputs_width_b_or_one(BuildCase c)
    {
        var network = c.Build();
        var b = InputLayers.CodeWidth(c.Spec.OutputCount, c.Parameters);
        var expectedInputWidth = network.InputEncoding == InputEncoding.Explicit ? 1 : b;

        Assert.Equal(InputLayers.IsExplicit(c.Spec, c.Parameters), network.InputEncoding == InputEncoding.Explicit);
        Assert.All(Enumerable.Range(0, c.Spec.InputCount), i => Assert.Equal(expectedInputWidth, network.InputCode.Width(i)));
        Assert.All(Enumerable.Range(0, c.Spec.OutputCount), e => Assert.Equal(b, network.OutputCode.Width(e)));
        if (network.InputEncoding == InputEncoding.Superposed)
        {
            Assert.Equal(InputLayers.BaseNeurons(c.Spec.OutputCount, c.Spec.Sparsity, c.Parameters), network.InputCode.NeuronCount);
        }
    }

    [Property(Arbitrary = [typeof(SuperposedAndCases)], MaxTest = 60)]
    public void Pairs_with_light_ends_use_the_channel_and_the_others_their_pivots_block(BuildCase c)
    {
        var network = c.Build();
        var problem = (AndProblem)network.Problem;
        var b = InputLayers.CodeWidth(c.Spec.OutputCount, c.Parameters);
        var explicitInputs = network.InputEncoding == InputEncoding.Explicit;
        var plan = SuperposedAnd.MakePlan(problem, c.Parameters, network.InputCode.NeuronCount, explicitInputs ? 1 : b, b, explicitInputs);
        var segments = network.Layout.ToDictionary(s => s.Name);
        var degrees = problem.Pairs.Degrees;

        Assert.Equal("R", network.Layout[0].Name);
        Assert.Equal(plan.ChannelSize, segments["R"].Length);
        Assert.Equal(["R", .. plan.PivotOrder.Select(h => $"B:{h}")], network.Layout.Select(s => s.Name).ToArray());
        Assert.True(plan.PivotOrder.SequenceEqual(plan.PivotOrder.OrderByDescending(h => degrees[h]).ThenBy(h => h)), "blocks are not in (-d, index) order");
        for (var e = 0; e < c.Spec.OutputCount; e++)
        {
            var (i, j) = (problem.Pairs.First[e], problem.Pairs.Second[e]);
            var pivot = plan.Pivot[e];
            var segment = pivot < 0 ? segments["R"] : segments[$"B:{pivot}"];
            if (pivot < 0)
            {
                Assert.True(degrees[i] <= plan.InfluenceThreshold && degrees[j] <= plan.InfluenceThreshold, $"pair {e} = ({i}, {j}) is in R with a heavy end");
            }
            else
            {
                Assert.True(pivot == i || pivot == j, $"pair {e} = ({i}, {j}) pivots on {pivot}, not an end");
                Assert.True(degrees[pivot] > plan.InfluenceThreshold, $"pair {e} pivots on light input {pivot}");
                Assert.True(segment.Length >= b + 1, $"block of {pivot} has {segment.Length} neurons, fewer than b + 1 = {b + 1}");
            }
            foreach (var neuron in network.OutputCode.Support(e))
            {
                Assert.True(segment.Contains(neuron), $"pair {e}'s code neuron {neuron} lies outside its segment {segment}");
            }
        }
    }

    [Property(Arbitrary = [typeof(SuperposedAndCases)], MaxTest = 60)]
    public void Compute_rows_follow_the_channel_and_gate_rules(BuildCase c)
    {
        var network = c.Build();
        var problem = (AndProblem)network.Problem;
        var gate = SuperposedAnd.Gate(c.Spec.Sparsity, c.Parameters);
        var (offsets, columns, weights) = network.Compute!.Transpose();
        var channel = network.Layout[0];
        var pivotOf = new int[network.OutputNeuronCount];
        foreach (var segment in network.Layout.Skip(1))
        {
            Array.Fill(pivotOf, int.Parse(segment.Name[2..], System.Globalization.CultureInfo.InvariantCulture), segment.Start, segment.Length);
        }
        for (var u = 0; u < network.OutputNeuronCount; u++)
        {
            var expected = new SortedDictionary<int, int>();
            foreach (var e in network.OutputCode.FeaturesOn(u))
            {
                var (i, j) = (problem.Pairs.First[e], problem.Pairs.Second[e]);
                if (channel.Contains(u))
                {
                    (expected[i], expected[j]) = (1, 1);
                }
                else
                {
                    var pivot = pivotOf[u];
                    expected[pivot] = gate;
                    expected[i == pivot ? j : i] = 1;
                }
            }
            var actual = Enumerable.Range(offsets[u], offsets[u + 1] - offsets[u]).ToDictionary(k => columns[k], k => weights[k]);
            Assert.Equal(expected, new SortedDictionary<int, int>(actual));
        }
    }
}
