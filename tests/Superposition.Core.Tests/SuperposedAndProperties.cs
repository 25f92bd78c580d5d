using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The code and channel structure of superposed-and (docs/mathematics.md §4.1–4.3, invariant 2). The
/// expected sizes, τ, pivots and blocks are recomputed here from the parameter values and the page's
/// definitions, independently of the construction's own plan.
/// </summary>
public class SuperposedAndProperties
{
    [Property(Arbitrary = [typeof(SuperposedAndCases)], MaxTest = 60)]
    public void Codes_have_width_b_and_inputs_width_b_or_one(BuildCase c)
    {
        var network = c.Build();
        var b = CodeWidth(c);
        var expectedInputWidth = network.InputEncoding == InputEncoding.Explicit ? 1 : b;

        Assert.Equal(IsExplicit(c), network.InputEncoding == InputEncoding.Explicit);
        Assert.All(Enumerable.Range(0, c.Spec.InputCount), i => Assert.Equal(expectedInputWidth, network.InputCode.Width(i)));
        Assert.All(Enumerable.Range(0, c.Spec.OutputCount), e => Assert.Equal(b, network.OutputCode.Width(e)));
        if (network.InputEncoding == InputEncoding.Superposed)
        {
            Assert.Equal(BaseNeurons(c), network.InputCode.NeuronCount);
        }
    }

    [Property(Arbitrary = [typeof(SuperposedAndCases)], MaxTest = 60)]
    public void Pairs_with_light_ends_use_the_channel_and_the_others_their_pivots_block(BuildCase c)
    {
        var network = c.Build();
        var problem = (AndProblem)network.Problem;
        var (b, n0, s) = (CodeWidth(c), BaseNeurons(c), c.Spec.Sparsity);
        var explicitInputs = network.InputEncoding == InputEncoding.Explicit;
        var (inputWidth, inputNeurons) = explicitInputs ? (1, c.Spec.InputCount) : (b, n0);
        var degrees = problem.Pairs.Degrees;

        // τ = n_0 / (influence_factor · s · b); a pair pivots on its heavy end, the larger (d, index) when both are heavy.
        var tau = n0 / (Number(c, "influence_factor") * s * b);
        var pivots = Enumerable.Range(0, c.Spec.OutputCount).Select(e =>
        {
            var (i, j) = (problem.Pairs.First[e], problem.Pairs.Second[e]);
            var (heavyI, heavyJ) = (degrees[i] > tau, degrees[j] > tau);
            return heavyI && heavyJ ? ((degrees[i] > degrees[j] || (degrees[i] == degrees[j] && i > j)) ? i : j) : heavyI ? i : heavyJ ? j : -1;
        }).ToArray();
        var pairsOn = pivots.Where(h => h >= 0).GroupBy(h => h).ToDictionary(g => g.Key, g => g.Count());
        string[] expectedNames = ["R", .. pairsOn.Keys.OrderByDescending(h => degrees[h]).ThenBy(h => h).Select(h => $"B:{h}")];
        var segments = network.Layout.ToDictionary(segment => segment.Name);

        Assert.Equal(expectedNames, network.Layout.Select(segment => segment.Name).ToArray());
        Assert.Equal(pivots.Any(h => h < 0) ? n0 : 0, segments["R"].Length);
        foreach (var (pivot, pairs) in pairsOn)
        {
            var size = Math.Max(
                Math.Max((int)Math.Ceiling(Number(c, "block_factor") * s * b), b + 1),
                explicitInputs ? 0 : (int)Math.Ceiling(Number(c, "block_noise_factor") * pairs * s * inputWidth * b / inputNeurons));
            Assert.True(size == segments[$"B:{pivot}"].Length, $"block of {pivot} ({pairs} pairs) has {segments[$"B:{pivot}"].Length} neurons, not {size}");
        }
        for (var e = 0; e < c.Spec.OutputCount; e++)
        {
            var segment = pivots[e] < 0 ? segments["R"] : segments[$"B:{pivots[e]}"];
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
        var gate = (int)Math.Round((Number(c, "gate_slope") * c.Spec.Sparsity) + Number(c, "gate_offset"));
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

    private static double Number(BuildCase c, string name) => c.Parameters.Numbers[name];

    /// <summary>b = max(min_code_width, ⌈code_width_factor · log2 m'⌉).</summary>
    private static int CodeWidth(BuildCase c) =>
        Math.Max((int)Number(c, "min_code_width"), (int)Math.Ceiling(Number(c, "code_width_factor") * (c.Spec.OutputCount <= 1 ? 0 : Math.Log2(c.Spec.OutputCount))));

    /// <summary>n_0 = ⌈neuron_factor · b · √(s · m')⌉.</summary>
    private static int BaseNeurons(BuildCase c) =>
        (int)Math.Ceiling(Number(c, "neuron_factor") * CodeWidth(c) * Math.Sqrt((double)c.Spec.Sparsity * c.Spec.OutputCount));

    private static bool IsExplicit(BuildCase c) => c.Parameters.Choices["input_encoding"] switch
    {
        "explicit" => true,
        "superposed" => false,
        _ => c.Spec.InputCount <= BaseNeurons(c),
    };
}
