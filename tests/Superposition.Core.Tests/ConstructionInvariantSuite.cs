using FsCheck;
using FsCheck.Fluent;
using Superposition.Codes;
using Superposition.Constructions;
using Superposition.Evaluation;
using Superposition.Inputs;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// The invariants of docs/mathematics.md §7, checked for every construction of the registry
/// <typeparamref name="TRegistry"/>: one theory row per construction, an FsCheck property inside over
/// generated problems, parameters (defaults and adversarial values) and seeds. Registering a
/// construction is all it takes to have it checked here (docs/extending/construction.md): the product's
/// registry runs in <see cref="ConstructionInvariantProperties"/>, test-defined ones in classes of their own.
/// </summary>
/// <typeparam name="TRegistry">The registry whose constructions are checked.</typeparam>
public abstract class ConstructionInvariantSuite<TRegistry>
    where TRegistry : IConstructionCatalog
{
    /// <summary>Inputs per generated case, on top of the exhaustive set when the problem is tiny.</summary>
    private const int InputsPerCase = 24;

    /// <summary>Enumerate every input with at most s active features when there are at most this many.</summary>
    private const int ExhaustiveLimit = 1500;

    /// <summary>Dense evaluation costs n_in · n_out per input: evaluate fewer inputs on the larger generated networks.</summary>
    private const long DenseCellBudget = 2_000_000;

    /// <summary>"Small instances" for the dense reference: larger generated networks are discarded, not evaluated.</summary>
    private const long DenseCellLimit = 4_000_000;

    /// <summary>The row of the no-false-negative theory when no construction of the registry makes that promise.</summary>
    private const string NonePromises = "(none promises it)";

    /// <summary>The one row of an invariant every construction of the registry is excluded from (a theory needs a row).</summary>
    private const string AllExcluded = "(all excluded)";

#pragma warning disable CA1000 // xUnit reads theory data from static members of the test class, here per registry
    /// <summary>The constructions <paramref name="invariant"/> is checked on: all of the registry but its exclusions.</summary>
    public static TheoryData<string> Constructions(string invariant)
    {
        string[] names = [.. TRegistry.All.Where(c => !TRegistry.Exclusions.ContainsKey((c.Name, invariant))).Select(c => c.Name)];
        return names.Length > 0 ? [.. names] : [AllExcluded];
    }

    /// <summary>The constructions that promise no false negatives, or one row saying none does (a theory needs a row).</summary>
    public static TheoryData<string> NeverFalseNegativeConstructions(string invariant)
    {
        string[] names = [.. TRegistry.All.Where(c => c.NeverFalseNegative && !TRegistry.Exclusions.ContainsKey((c.Name, invariant))).Select(c => c.Name)];
        return names.Length > 0 ? [.. names] : [NonePromises];
    }

    /// <summary>The registry's exclusions as (construction, invariant) rows, or one empty row when it has none.</summary>
    public static TheoryData<string, string> ExcludedInvariants
    {
        get
        {
            var rows = new TheoryData<string, string>();
            (string Construction, string Invariant)[] keys = TRegistry.Exclusions.IsEmpty ? [("", "")] : [.. TRegistry.Exclusions.Keys.Order()];
            foreach (var (construction, invariant) in keys)
            {
                rows.Add(construction, invariant);
            }
            return rows;
        }
    }
#pragma warning restore CA1000

    private static void AssertAllExcluded(string invariant) =>
        Assert.All(TRegistry.All, c => Assert.True(TRegistry.Exclusions.ContainsKey((c.Name, invariant)), $"'{c.Name}' is not excluded from {invariant}"));

    /// <summary>Each exclusion names a construction of the registry, an invariant this suite has, and why it does not hold.</summary>
    [Theory]
    [MemberData(nameof(ExcludedInvariants))]
    public void Exclusions_name_an_invariant_of_the_suite_and_a_reason(string construction, string invariant)
    {
        if (TRegistry.Exclusions.IsEmpty)
        {
            Assert.Equal(("", ""), (construction, invariant));
            return;
        }
        Assert.Contains(TRegistry.All, c => c.Name == construction);
        var method = typeof(ConstructionInvariantSuite<TRegistry>).GetMethod(invariant);
        Assert.True(method?.GetCustomAttributes(typeof(TheoryAttribute), inherit: true).Length > 0, $"'{invariant}' is not an invariant of the suite");
        Assert.False(string.IsNullOrWhiteSpace(TRegistry.Exclusions[(construction, invariant)]), $"the exclusion of '{invariant}' for '{construction}' gives no reason");
    }

    [Theory]
    [MemberData(nameof(Constructions), nameof(Defaults_pass_validation_on_a_typical_problem_of_each_kind_solved))]
    public void Defaults_pass_validation_on_a_typical_problem_of_each_kind_solved(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Defaults_pass_validation_on_a_typical_problem_of_each_kind_solved));
            return;
        }
        var definition = Definition(construction);
        foreach (var kind in definition.Solves)
        {
            var spec = kind switch
            {
                ProblemKind.And => new ProblemSpec(kind, "random", 100, 300, 3),
                ProblemKind.Circuit => new ProblemSpec(kind, "random-layered", 100, 300, 3, Depth: 3),
                _ => new ProblemSpec(kind, "permutation", 100, 100, 3),
            };
            var errors = definition.Validate(spec, definition.Defaults).Select(e => e.ToString()).ToArray();
            Assert.True(errors.Length == 0, $"defaults of '{construction}' fail its own checks on {spec}: {string.Join("; ", errors)}");
        }
    }

    [Theory]
    [MemberData(nameof(Constructions), nameof(Build_is_deterministic_for_equal_spec_and_seeds))]
    public void Build_is_deterministic_for_equal_spec_and_seeds(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Build_is_deterministic_for_equal_spec_and_seeds));
            return;
        }
        PropertyCheck.Run(Cases(construction), c => NetworkAssert.Identical(c.Build(), c.Build()), maxTest: 40);
    }

    [Theory]
    [MemberData(nameof(Constructions), nameof(Build_is_deterministic_through_the_spec_entry_point))]
    public void Build_is_deterministic_through_the_spec_entry_point(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Build_is_deterministic_through_the_spec_entry_point));
            return;
        }
        PropertyCheck.Run(Cases(construction), c =>
        {
            var raw = c.Parameters.Numbers.ToDictionary(kv => kv.Key, kv => (object)kv.Value);
            foreach (var (name, value) in c.Parameters.Choices)
            {
                raw[name] = value;
            }
            NetworkAssert.Identical(c.Build(), NetworkBuilder.Build(c.Spec, c.Definition, raw, c.ProblemSeed, c.ConstructionSeed));
        }, maxTest: 25);
    }

    [Theory]
    [MemberData(nameof(Constructions), nameof(Codes_have_distinct_in_range_supports_and_a_matching_reverse_index))]
    public void Codes_have_distinct_in_range_supports_and_a_matching_reverse_index(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Codes_have_distinct_in_range_supports_and_a_matching_reverse_index));
            return;
        }
        PropertyCheck.Run(Cases(construction), c =>
        {
            var network = c.Build();
            // A stacked network (several layers) has the same codes at its ends: the input stage's and the read-out's.
            var inputCode = network.Input.CodeOrNull!;
            var outputCode = Assert.IsType<Readout.Code>(network.Readout).OutputCode;
            var inputFeatures = network.Input is InputStage.Targets ? c.Spec.OutputCount : c.Spec.InputCount;
            Assert.Equal(inputFeatures, inputCode.FeatureCount);
            Assert.Equal(c.Spec.OutputCount, outputCode.FeatureCount);
            AssertWellFormed(inputCode, "input code");
            AssertWellFormed(outputCode, "output code");
            if (network.Input is InputStage.OneHot)
            {
                Assert.True(inputCode.IsExplicit, "explicit inputs need the explicit code");
            }
            if (inputCode.IsExplicit)
            {
                for (var f = 0; f < inputCode.FeatureCount; f++)
                {
                    Assert.Equal([f], inputCode.Support(f).ToArray());
                }
            }
        }, maxTest: 40);
    }

    [Theory]
    [MemberData(nameof(Constructions), nameof(Layout_tiles_the_output_layer_with_disjoint_segments))]
    public void Layout_tiles_the_output_layer_with_disjoint_segments(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Layout_tiles_the_output_layer_with_disjoint_segments));
            return;
        }
        PropertyCheck.Run(Cases(construction), c =>
        {
            var network = c.Build();
            var next = 0;
            foreach (var segment in network.Layout)
            {
                Assert.True(segment.Start == next && segment.Length >= 0, $"segment {segment} does not start where the previous one ended ({next})");
                next = segment.End;
            }
            Assert.Equal(network.OutputNeuronCount, next);
            Assert.Equal(network.Layout.Length, network.Layout.Select(s => s.Name).Distinct().Count());
            if (network.IsFactored && network.Compute is { } compute)
            {
                Assert.Equal(network.OutputNeuronCount, compute.RowCount);
                Assert.Equal(network.OutputNeuronCount, network.Biases.Length);
                Assert.All(network.Biases, bias => Assert.True(bias < 0, $"bias {bias} is not negative"));
            }
        }, maxTest: 40);
    }

    [Theory]
    [MemberData(nameof(NeverFalseNegativeConstructions), nameof(Evaluation_has_no_false_negatives_on_any_sparse_input))]
    public void Evaluation_has_no_false_negatives_on_any_sparse_input(string construction)
    {
        if (construction == NonePromises)
        {
            Assert.DoesNotContain(TRegistry.All, c => c.NeverFalseNegative);
            return;
        }
        PropertyCheck.Run(CasesWithInputs(construction).Where(c => c.Case.Definition.NeverFalseNegativeWith(c.Case.Parameters)), c =>
        {
            var network = c.Case.Build();
            var scratch = new EvaluationScratch(network);
            foreach (var active in c.Inputs.Concat(ProbeInputs.Exhaustive(network.Problem, ExhaustiveLimit)).Concat(Sampled(network.Problem, c.Case.ConstructionSeed)))
            {
                var probe = Probe.Of(network, scratch, active);
                Assert.True(!probe.FalseNegatives.Any(), $"false negative: {probe}");
            }
        }, maxTest: 60);
    }

    [Theory]
    [MemberData(nameof(Constructions), nameof(Evaluation_decodes_the_empty_input_to_no_outputs))]
    public void Evaluation_decodes_the_empty_input_to_no_outputs(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Evaluation_decodes_the_empty_input_to_no_outputs));
            return;
        }
        PropertyCheck.Run(Cases(construction), c =>
        {
            var network = c.Build();
            var probe = Probe.Of(network, new EvaluationScratch(network), []);
            Assert.Empty(probe.Decoded);
            Assert.Equal(double.PositiveInfinity, probe.MinTrueMargin);
            Assert.True(probe.MaxFalseMargin <= 0, $"empty input: {probe}");
        }, maxTest: 40);
    }

    [Theory]
    [MemberData(nameof(Constructions), nameof(Evaluation_outputs_are_ascending_in_range_and_agree_with_their_margins))]
    public void Evaluation_outputs_are_ascending_in_range_and_agree_with_their_margins(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Evaluation_outputs_are_ascending_in_range_and_agree_with_their_margins));
            return;
        }
        PropertyCheck.Run(CasesWithInputs(construction), c =>
        {
            var network = c.Case.Build();
            var scratch = new EvaluationScratch(network);
            foreach (var active in c.Inputs)
            {
                var probe = Probe.Of(network, scratch, active);
                Assert.True(IsStrictlyAscending(probe.Decoded), $"decoded outputs not strictly ascending: {probe}");
                Assert.True(probe.Decoded.All(e => e >= 0 && e < c.Case.Spec.OutputCount), $"decoded output out of range: {probe}");
                Assert.True(IsStrictlyAscending(probe.Truth) && probe.Truth.Length <= network.Problem.MaxTrueOutputs, $"truth: {probe}");
                if (network.Problem is AndProblem)
                {
                    var s = c.Case.Spec.Sparsity;
                    Assert.True(probe.Truth.Length <= s * (s - 1) / 2, $"more than C(s,2) true outputs: {probe}");
                }
                Assert.True(probe.MinTrueMargin > 0 == !probe.FalseNegatives.Any(), $"min true margin disagrees with the false negatives: {probe}");
                Assert.True(probe.MaxFalseMargin > 0 == probe.FalsePositives.Any(), $"max false margin disagrees with the false positives: {probe}");
            }
        }, maxTest: 40);
    }

    [Theory]
    [MemberData(nameof(Constructions), nameof(Factored_evaluation_equals_dense_evaluation_activation_by_activation))]
    public void Factored_evaluation_equals_dense_evaluation_activation_by_activation(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Factored_evaluation_equals_dense_evaluation_activation_by_activation));
            return;
        }
        PropertyCheck.Run(CasesWithInputs(construction), c =>
        {
            var network = c.Case.Build();
            var cells = network.Layers.Sum(layer => (long)layer.InputWidth * layer.Width);
            return Prop.When(cells <= DenseCellLimit, () => AssertFactoredEqualsDense(network, c.Inputs.Prepend([]).Take((int)Math.Clamp(DenseCellBudget / Math.Max(1, cells), 2, InputsPerCase))));
        }, maxTest: 30);
    }

    [Theory]
    [MemberData(nameof(Constructions), nameof(Batch_evaluation_equals_sample_by_sample_evaluation))]
    public void Batch_evaluation_equals_sample_by_sample_evaluation(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Batch_evaluation_equals_sample_by_sample_evaluation));
            return;
        }
        PropertyCheck.Run(Cases(construction), c =>
        {
            var network = c.Build();
            foreach (var distribution in InputDistributions.Names.Where(d => InputDistributions.Check(d, c.Spec, "") is null))
            {
                var batch = InputSamplers.Batch(network.Problem, distribution, 0, 16, c.ConstructionSeed.Derive(distribution));
                var outcome = NetworkEvaluator.Evaluate(network, batch, new EvaluationScratch(network));
                var scratch = new EvaluationScratch(network);
                for (var k = 0; k < batch.Count; k++)
                {
                    var probe = Probe.Of(network, scratch, batch.Active(k).ToArray());
                    Assert.Equal(probe.Truth, batch.Truth(k).ToArray());
                    Assert.Equal(probe.Decoded, outcome.DecodedOutputs(k).ToArray());
                    Assert.Equal(probe.MinTrueMargin, outcome.MinTrueMargin[k]);
                    Assert.Equal(probe.MaxFalseMargin, outcome.MaxFalseMargin[k]);
                }
                var (statistics, samples) = Scoring.Score(network.Problem, batch, outcome, keepSamples: true);
                Assert.Equal(batch.Count, statistics.Samples);
                Assert.Equal(samples.Count(s => s.Correct), statistics.CorrectSamples);
                Assert.Equal(samples.Sum(s => s.FalsePositiveOutputs.Length), statistics.FalsePositives);
                Assert.Equal(samples.Sum(s => s.FalseNegativeOutputs.Length), statistics.FalseNegatives);
                Assert.Equal(samples.Aggregate(Int128.Zero, (sum, s) => sum + ((Int128)(s.FalsePositiveOutputs.Length + s.FalseNegativeOutputs.Length) * (s.FalsePositiveOutputs.Length + s.FalseNegativeOutputs.Length))), statistics.FalseOutputSquares);
                Assert.Equal(samples.Sum(s => s.FalsePositiveOutputs.Count(o => ReadsActiveInput(network.Problem, o, s.ActiveInputs))), statistics.FalsePositivesSharingInput);
                var classes = statistics.Classes;
                long[] bySamples = [classes.SamplesNone, classes.SamplesOne, classes.SamplesTwo, classes.SamplesThreeOrMore];
                long[] byWrong = [classes.WrongNone, classes.WrongOne, classes.WrongTwo, classes.WrongThreeOrMore];
                for (var bucket = 0; bucket < 4; bucket++)
                {
                    Assert.Equal(samples.Count(s => Math.Min(s.TrueOutputCount, 3) == bucket), bySamples[bucket]);
                    Assert.Equal(samples.Count(s => Math.Min(s.TrueOutputCount, 3) == bucket && !s.Correct), byWrong[bucket]);
                }
            }
        }, maxTest: 25);
    }

    /// <summary>
    /// The batched forward pass (64 samples per pass over M's rows) against the per-sample scatter: every
    /// decoded output and both margins of every sample agree, over batches that fill one lane, part of a
    /// pass, and more than two passes. Every generated network it applies to is checked, and it must
    /// apply to some: a construction with a compute layer that never reaches the batched pass fails here.
    /// </summary>
    [Theory]
    [MemberData(nameof(Constructions), nameof(Batched_forward_pass_equals_the_scatter_sample_for_sample))]
    public void Batched_forward_pass_equals_the_scatter_sample_for_sample(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Batched_forward_pass_equals_the_scatter_sample_for_sample));
            return;
        }
        var withCompute = 0;
        var batched = 0;
        PropertyCheck.Run(Cases(construction), c =>
        {
            var network = c.Build();
            if (!network.IsFactored || network.Compute is null)
            {
                return;
            }
            withCompute++;
            var batchedScratch = new EvaluationScratch(network) { Kernel = ForwardKernel.Batched };
            if (!FactoredEvaluator.BatchedAllowed(network, batchedScratch))
            {
                return;
            }
            batched++;
            var scatterScratch = new EvaluationScratch(network) { Kernel = ForwardKernel.Scatter };
            foreach (var distribution in InputDistributions.Names.Where(d => InputDistributions.Check(d, c.Spec, "") is null))
            {
                foreach (var size in (int[])[1, 64, 150])
                {
                    var batch = InputSamplers.Batch(network.Problem, distribution, 0, size, c.ConstructionSeed.Derive(distribution).Derive(size));
                    var scattered = NetworkEvaluator.Evaluate(network, batch, scatterScratch);
                    var passed = NetworkEvaluator.Evaluate(network, batch, batchedScratch);
                    for (var k = 0; k < batch.Count; k++)
                    {
                        Assert.Equal(scattered.DecodedOutputs(k).ToArray(), passed.DecodedOutputs(k).ToArray());
                        Assert.Equal(scattered.MinTrueMargin[k], passed.MinTrueMargin[k]);
                        Assert.Equal(scattered.MaxFalseMargin[k], passed.MaxFalseMargin[k]);
                    }
                }
            }
            Assert.Equal(scatterScratch.TouchedEntries, batchedScratch.TouchedEntries);
            Assert.Equal(0, scatterScratch.BatchedSamples);
            Assert.True(batchedScratch.BatchedSamples > 0);
        }, maxTest: 25);
        Assert.True(withCompute == 0 || batched > 0, $"'{construction}': {withCompute} generated networks with a compute layer, none the batched pass applies to");
    }

    /// <summary>
    /// The bitmap forward pass (W's columns counted in bit planes) against the per-sample scatter: every
    /// decoded output and both margins of every sample agree, for every input distribution. Every
    /// generated network with W's bitmaps (superposed inputs) is checked, and the pass must take some of
    /// their samples (the others, whose sums could pass a byte, are scattered).
    /// </summary>
    [Theory]
    [MemberData(nameof(Constructions), nameof(Bitmap_forward_pass_equals_the_scatter_sample_for_sample))]
    public void Bitmap_forward_pass_equals_the_scatter_sample_for_sample(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Bitmap_forward_pass_equals_the_scatter_sample_for_sample));
            return;
        }
        Assert.True(WeightBitmap.Hardware, "the bitmap pass needs AVX-512 with VBMI and GFNI; this machine lacks them, so it is untested here");
        var withBitmaps = 0;
        long bitmapSamples = 0;
        PropertyCheck.Run(Cases(construction), c =>
        {
            var network = c.Build();
            if (!network.IsFactored || network.WeightBitmap is null)
            {
                return;
            }
            withBitmaps++;
            var bitmapScratch = new EvaluationScratch(network) { Kernel = ForwardKernel.Bitmap };
            var scatterScratch = new EvaluationScratch(network) { Kernel = ForwardKernel.Scatter };
            foreach (var distribution in InputDistributions.Names.Where(d => InputDistributions.Check(d, c.Spec, "") is null))
            {
                var batch = InputSamplers.Batch(network.Problem, distribution, 0, 70, c.ConstructionSeed.Derive(distribution).Derive("bitmap"));
                var scattered = NetworkEvaluator.Evaluate(network, batch, scatterScratch);
                var counted = NetworkEvaluator.Evaluate(network, batch, bitmapScratch);
                for (var k = 0; k < batch.Count; k++)
                {
                    Assert.Equal(scattered.DecodedOutputs(k).ToArray(), counted.DecodedOutputs(k).ToArray());
                    Assert.Equal(scattered.MinTrueMargin[k], counted.MinTrueMargin[k]);
                    Assert.Equal(scattered.MaxFalseMargin[k], counted.MaxFalseMargin[k]);
                }
            }
            Assert.Equal(0, scatterScratch.BitmapSamples);
            bitmapSamples += bitmapScratch.BitmapSamples;
        }, maxTest: 25);
        Assert.True(withBitmaps == 0 || bitmapSamples > 0, $"'{construction}': {withBitmaps} generated networks with W's bitmaps, no sample the bitmap pass took");
    }

    [Theory]
    [MemberData(nameof(Constructions), nameof(Resource_counts_equal_recounts_from_the_dense_network))]
    public void Resource_counts_equal_recounts_from_the_dense_network(string construction)
    {
        if (construction == AllExcluded)
        {
            AssertAllExcluded(nameof(Resource_counts_equal_recounts_from_the_dense_network));
            return;
        }
        PropertyCheck.Run(Cases(construction), c =>
        {
            var network = c.Build();
            if (!network.IsFactored)
            {
                AssertStackedCounts(network);
                return;
            }
            var resources = network.Resources;
            var weights = new DenseEvaluator(network).ScaledWeights;
            var (rows, columns) = (weights.GetLength(0), weights.GetLength(1));
            long nonzeros = 0;
            var values = new HashSet<long>();
            var positionBits = 0.0;
            for (var u = 0; u < rows; u++)
            {
                var rowNonzeros = 0;
                for (var v = 0; v < columns; v++)
                {
                    if (weights[u, v] != 0)
                    {
                        rowNonzeros++;
                        values.Add(weights[u, v]);
                    }
                }
                nonzeros += rowNonzeros;
                positionBits += network.Compute is null ? 0 : LogChoose(columns, rowNonzeros);
            }
            var valueBits = values.Count <= 1 ? 0.0 : Math.Log2(values.Count);
            var biasBits = network.Biases.Length * Math.Max(1.0, Log2Of(network.Biases.Distinct().Count()));
            var computes = network.InputEncoding != InputEncoding.Targets;

            Assert.Equal(nonzeros, resources.WeightCount);
            Assert.Equal(network.Biases.Length, resources.BiasCount);
            Assert.Equal(resources.WeightCount + resources.BiasCount, resources.ParameterCount);
            Assert.Equal(computes ? network.InputCode.NeuronCount : 0, resources.InputNeurons);
            Assert.Equal(0, resources.HiddenNeurons);
            Assert.Equal(network.OutputNeuronCount, resources.OutputNeurons);
            Assert.Equal((long)resources.InputNeurons + resources.OutputNeurons, resources.NeuronCount);
            Assert.Equal(UniformWidth(network.InputCode), resources.CodeWidthIn);
            Assert.Equal(UniformWidth(network.OutputCode), resources.CodeWidthOut);
            AssertClose(positionBits + (nonzeros * valueBits) + biasBits, resources.WeightBits, "weight bits");
            AssertClose(CodeBits(network.OutputCode) + (computes ? CodeBits(network.InputCode) : 0), resources.CodeBits, "code bits");
        }, maxTest: 30);
    }

    /// <summary>
    /// A stacked network recounted from its layers' dense matrices: nonzero weights and biases of every
    /// layer, the input stage's width, every layer but the last hidden, the last one the outputs.
    /// </summary>
    private static void AssertStackedCounts(Network network)
    {
        long nonzeros = 0, biases = 0, hidden = 0;
        for (var k = 0; k < network.Layers.Length; k++)
        {
            var layer = Assert.IsType<Layer.Affine>(network.Layers[k]);
            for (var u = 0; u < layer.Weights.RowCount; u++)
            {
                for (var v = 0; v < layer.Weights.ColumnCount; v++)
                {
                    nonzeros += layer.Weights[u, v] != 0 ? 1 : 0;
                }
            }
            biases += layer.Bias.Length;
            hidden += k < network.Layers.Length - 1 ? layer.Width : 0;
        }
        var resources = network.Resources;
        Assert.Equal(nonzeros, resources.WeightCount);
        Assert.Equal(biases, resources.BiasCount);
        Assert.Equal(nonzeros + biases, resources.ParameterCount);
        Assert.Equal(network.Input.Width, resources.InputNeurons);
        Assert.Equal(hidden, resources.HiddenNeurons);
        Assert.Equal(network.Layers[^1].Width, resources.OutputNeurons);
        Assert.Equal(resources.InputNeurons + resources.HiddenNeurons + resources.OutputNeurons, resources.NeuronCount);
    }

    /// <summary>
    /// Every activation and the decoded outputs of the production evaluator equal the dense reference's:
    /// the factored evaluator against <see cref="DenseEvaluator"/>, a stacked network's layered evaluator against <see cref="DenseLayers"/>.
    /// </summary>
    private static void AssertFactoredEqualsDense(Network network, IEnumerable<int[]> inputs)
    {
        if (!network.IsFactored)
        {
            var layers = new DenseLayers(network);
            var layeredScratch = new EvaluationScratch(network);
            foreach (var active in inputs)
            {
                var probe = Probe.Of(network, layeredScratch, active);
                var expected = layers.Activations(active);
                var actual = NetworkEvaluator.Activations(network, active, layeredScratch);
                for (var u = 0; u < expected.Length; u++)
                {
                    Assert.True(expected[u] == actual[u], $"activation of neuron {u}: dense {expected[u]:R}, layered {actual[u]:R}, for {probe}");
                }
                Assert.Equal(layers.Decode(active), probe.Decoded);
            }
            return;
        }
        var dense = new DenseEvaluator(network);
        var scratch = new EvaluationScratch(network);
        // The batched and bitmap passes too, wherever they apply: their activations are the dense reference's as well.
        var batchedScratch = new EvaluationScratch(network) { Kernel = ForwardKernel.Batched };
        var batched = network.Compute is not null && FactoredEvaluator.BatchedAllowed(network, batchedScratch);
        var bitmapScratch = new EvaluationScratch(network) { Kernel = network.WeightBitmap is not null ? ForwardKernel.Bitmap : ForwardKernel.Scatter };
        foreach (var active in inputs)
        {
            var probe = Probe.Of(network, scratch, active);
            var features = network.InputEncoding == InputEncoding.Targets ? probe.Truth : active;
            var expected = dense.Activations(features);
            var actual = FactoredEvaluator.Activations(network, features, scratch);
            var passed = batched ? FactoredEvaluator.Activations(network, features, batchedScratch) : actual;
            var counted = FactoredEvaluator.Activations(network, features, bitmapScratch);
            for (var u = 0; u < expected.Length; u++)
            {
                Assert.True(expected[u] == actual[u], $"activation of neuron {u}: dense {expected[u]:R}, factored {actual[u]:R}, for {probe}");
                Assert.True(expected[u] == passed[u], $"activation of neuron {u}: dense {expected[u]:R}, batched {passed[u]:R}, for {probe}");
                Assert.True(expected[u] == counted[u], $"activation of neuron {u}: dense {expected[u]:R}, bitmap {counted[u]:R}, for {probe}");
            }
            Assert.Equal(dense.Decode(features), probe.Decoded);
            if (batched)
            {
                Assert.Equal(probe.Decoded, Probe.Of(network, batchedScratch, active).Decoded);
            }
        }
    }

    private static ConstructionDefinition Definition(string name) =>
        TRegistry.All.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"'{name}' is not registered");

    /// <summary>Generated parameters three times out of four, the defaults otherwise.</summary>
    private static Gen<BuildCase> Cases(string construction) => Gen.Frequency(
        (3, CoreGenerators.BuildCases(Definition(construction))),
        (1, CoreGenerators.BuildCases(Definition(construction), defaultParameters: true)));

    private static Gen<CaseWithInputs> CasesWithInputs(string construction) =>
        from c in Cases(construction)
        from inputs in Gen.ArrayOf(CoreGenerators.Inputs(c.Problem()), InputsPerCase)
        select new CaseWithInputs(c, inputs);

    /// <summary>A few inputs of each applicable evaluation distribution, hubs included.</summary>
    private static IEnumerable<int[]> Sampled(Problem problem, Seed seed)
    {
        foreach (var distribution in InputDistributions.Names.Where(d => InputDistributions.Check(d, problem.Spec, "") is null))
        {
            var batch = InputSamplers.Batch(problem, distribution, 0, 8, seed.Derive(distribution));
            for (var k = 0; k < batch.Count; k++)
            {
                yield return batch.Active(k).ToArray();
            }
        }
    }

    private static void AssertWellFormed(Code code, string what)
    {
        for (var f = 0; f < code.FeatureCount; f++)
        {
            var support = code.Support(f).ToArray();
            Assert.True(support.Length == code.Width(f), $"{what}: feature {f} has width {code.Width(f)} but {support.Length} entries");
            Assert.True(support.All(v => v >= 0 && v < code.NeuronCount), $"{what}: feature {f} has an entry outside [0, {code.NeuronCount})");
            Assert.True(support.Distinct().Count() == support.Length, $"{what}: feature {f} repeats a neuron");
        }
        var entries = 0L;
        for (var v = 0; v < code.NeuronCount; v++)
        {
            var features = code.FeaturesOn(v).ToArray();
            Assert.True(IsStrictlyAscending(features), $"{what}: features on neuron {v} are not ascending");
            Assert.True(features.All(f => code.Support(f).Contains(v)), $"{what}: reverse index of neuron {v} names a feature whose support lacks it");
            entries += features.Length;
        }
        Assert.Equal(code.EntryCount, entries);
    }

    private static int UniformWidth(Code code)
    {
        var widths = Enumerable.Range(0, code.FeatureCount).Select(code.Width).Distinct().ToArray();
        return widths.Length switch { 0 => 0, 1 => widths[0], _ => -1 };
    }

    private static double CodeBits(Code code) =>
        code.IsExplicit ? 0.0 : Enumerable.Range(0, code.FeatureCount).Sum(f => LogChoose(code.NeuronCount, code.Width(f)));

    /// <summary>log2 C(n, k) as a sum of logs of ratios: independent of the log-gamma route the code takes.</summary>
    private static double LogChoose(long n, long k)
    {
        k = Math.Min(k, n - k);
        var bits = 0.0;
        for (long i = 0; i < k; i++)
        {
            bits += Math.Log2((double)(n - i) / (i + 1));
        }
        return bits;
    }

    private static double Log2Of(int count) => count <= 1 ? 0.0 : Math.Log2(count);

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1.0, Math.Abs(expected)), $"{what}: recounted {expected:R}, reported {actual:R}");

    /// <summary>Recomputed without the problem's own lookup: a 2-AND output reads its pair's two inputs, a permutation output π(i) reads input i.</summary>
    private static bool ReadsActiveInput(Problem problem, int output, IEnumerable<int> active) => problem switch
    {
        AndProblem and => active.Contains(and.Pairs.First[output]) || active.Contains(and.Pairs.Second[output]),
        PermutationProblem permutation => active.Any(i => permutation.Permutation[i] == output),
        CircuitProblem circuit => Cone(circuit.Circuit, output).Overlaps(active),
        _ => throw new InvalidOperationException($"unknown problem {problem.GetType().Name}"),
    };

    /// <summary>The inputs gate <paramref name="output"/> of the last layer depends on, walked down layer by layer.</summary>
    private static HashSet<int> Cone(LayeredCircuit circuit, int output)
    {
        var cone = new HashSet<int> { output };
        for (var k = circuit.Depth - 1; k >= 0; k--)
        {
            var next = new HashSet<int>();
            foreach (var gate in cone)
            {
                next.Add(circuit.Layers[k].First[gate]);
                next.Add(circuit.Layers[k].Second[gate]);
            }
            cone = next;
        }
        return cone;
    }

    private static bool IsStrictlyAscending(int[] values)
    {
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] <= values[k - 1])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A build case with generated inputs; prints the case only (the failing input is in the assertion).</summary>
    private sealed record CaseWithInputs(BuildCase Case, int[][] Inputs)
    {
        public override string ToString() => Case.ToString();
    }
}
