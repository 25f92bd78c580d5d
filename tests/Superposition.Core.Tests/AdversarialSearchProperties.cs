using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The adversarial search: a function of its seed, always an s-subset within its budget, and scoring
/// what the dense reference evaluator scores (share of a false output's code above the threshold, then
/// its margin) for the input it returns.
/// </summary>
public class AdversarialSearchProperties
{
    private sealed record SearchCase(ProblemSpec Problem, string Construction, ImmutableDictionary<string, object> Parameters, Seed Seed, int Budget)
    {
        public Network Build() => NetworkBuilder.Build(Problem, Construction, Parameters, Seed.Derive("problem"), Seed.Derive("construction"));

        public override string ToString() => $"{Construction} {string.Join(",", Parameters.Select(p => $"{p.Key}={p.Value}"))} m={Problem.InputCount} m'={Problem.OutputCount} s={Problem.Sparsity} budget={Budget} seed={Seed.Value}";
    }

    private static Gen<SearchCase> Cases { get; } =
        from m in Gen.Choose(4, 40)
        from outputs in Gen.Choose(1, Math.Min(m * (m - 1) / 2, 150))
        from s in Gen.Choose(1, Math.Min(m, 4))
        from network in Gen.Elements(
            ("superposed-and", ImmutableDictionary<string, object>.Empty.Add("block_factor", 0.5)),
            ("superposed-and", ImmutableDictionary<string, object>.Empty),
            ("random-and", ImmutableDictionary<string, object>.Empty.Add("neurons", 40.0).Add("connection_probability", 0.3)),
            ("dedicated", ImmutableDictionary<string, object>.Empty))
        from seed in CoreGenerators.Seeds
        from budget in Gen.Frequency((1, Gen.Choose(1, 4)), (3, Gen.Choose(5, 80)))
        select new SearchCase(new ProblemSpec(ProblemKind.And, "random", m, outputs, s), network.Item1, network.Item2, seed, budget);

    [Property(MaxTest = 60)]
    public Property A_search_is_a_function_of_its_seed_and_returns_an_s_subset_within_its_budget() => Prop.ForAll(Arb.From(Cases), c =>
    {
        var network = c.Build();

        var first = AdversarialSearch.Search(network, c.Budget, c.Seed);
        var second = AdversarialSearch.Search(network, c.Budget, c.Seed);

        Assert.Equal(first.Input, second.Input);
        Assert.Equal((first.Share, first.Margin, first.Evaluations, first.FirstWrongAt), (second.Share, second.Margin, second.Evaluations, second.FirstWrongAt));
        Assert.Equal(c.Problem.Sparsity, first.Input.Length);
        Assert.All(first.Input, i => Assert.InRange(i, 0, c.Problem.InputCount - 1));
        Assert.True(first.Input.Zip(first.Input.Skip(1)).All(p => p.First < p.Second), $"not ascending and distinct: {string.Join(",", first.Input)}");
        Assert.InRange(first.Evaluations, 1, c.Budget);
        Assert.True(first.FirstWrongAt == -1 || (first.FirstWrongAt >= 1 && first.FirstWrongAt <= first.Evaluations));
        Assert.True(!first.Wrong || first.FirstWrongAt >= 1, "a wrong result with no first wrong evaluation");
    });

    [Property(MaxTest = 60)]
    public Property The_score_of_the_result_is_what_the_dense_reference_gives() => Prop.ForAll(Arb.From(Cases), c =>
    {
        var network = c.Build();
        var result = AdversarialSearch.Search(network, c.Budget, c.Seed);

        var dense = new DenseEvaluator(network);
        var activations = dense.Activations(result.Input);
        var margins = dense.Margins(result.Input);
        var truth = new int[Math.Max(1, network.Problem.MaxTrueOutputs)];
        var trueOutputs = truth[..network.Problem.TrueOutputs(result.Input, truth)].ToHashSet();
        var code = network.OutputCode;
        var threshold = network.Decoder.Threshold;
        var falseOutputs = Enumerable.Range(0, code.FeatureCount).Where(o => !trueOutputs.Contains(o) && code.Width(o) > 0).ToList();
        var shares = falseOutputs.ToDictionary(o => o, o => code.Support(o).ToArray().Count(u => activations[u] > threshold) / (double)code.Width(o));
        var share = shares.Count == 0 ? 0 : shares.Values.Max();
        var margin = share == 0 ? -threshold : falseOutputs.Where(o => shares[o] == share).Max(o => margins[o]);

        Assert.Equal(share, result.Share, 12);
        Assert.True(Math.Abs(margin - result.Margin) <= 1e-9, $"{c}: dense margin {margin:R}, search {result.Margin:R}");
    });

    [Fact]
    public void On_every_network_shape_the_score_of_the_result_is_what_the_dense_reference_gives() =>
        PropertyCheck.Run(LayeredNetworkGenerators.Networks, generated =>
        {
            var (shape, network, _) = generated;
            var seed = shape.Seed.Derive("search");
            var result = AdversarialSearch.Search(network, 1 + (int)(seed.Value % 40), seed);

            var dense = new DenseEvaluator(network);
            var truth = new int[Math.Max(1, network.Problem.MaxTrueOutputs)];
            var trueOutputs = truth[..network.Problem.TrueOutputs(result.Input, truth)];
            var features = network.Input is InputStage.Targets ? trueOutputs : result.Input;
            var activations = dense.Activations(features);
            var margins = dense.Margins(features);
            var falseOutputs = Enumerable.Range(0, network.Problem.OutputCount).Except(trueOutputs).ToList();
            var (share, margin) = network.Readout switch
            {
                Readout.Code code => CodeScore(code, activations, margins, falseOutputs),
                Readout.Threshold => (
                    falseOutputs.Any(o => margins[o] > 0) ? 1.0 : 0.0,
                    falseOutputs.Select(o => margins[o]).DefaultIfEmpty(double.NegativeInfinity).Max()),
                _ => throw new InvalidOperationException(shape.ToString()),
            };

            Assert.True(share == result.Share, $"{shape}: dense share {share:R}, search {result.Share:R}");
            Assert.True(margin.Equals(result.Margin) || Math.Abs(margin - result.Margin) <= 1e-9, $"{shape}: dense margin {margin:R}, search {result.Margin:R}");
        }, maxTest: 200);

    /// <summary>The code read-out's score from the definition: the largest share of a false output's code above γ, then the best margin among those outputs (−γ when no neuron is above).</summary>
    private static (double Share, double Margin) CodeScore(Readout.Code readout, double[] activations, double[] margins, List<int> falseOutputs)
    {
        var (code, threshold) = (readout.OutputCode, readout.Decoder.Threshold);
        var coded = falseOutputs.Where(o => code.Width(o) > 0).ToList();
        var shares = coded.ToDictionary(o => o, o => code.Support(o).ToArray().Count(u => activations[u] > threshold) / (double)code.Width(o));
        var share = shares.Count == 0 ? 0 : shares.Values.Max();
        return (share, share == 0 ? -threshold : coded.Where(o => shares[o] == share).Max(o => margins[o]));
    }
}
