using FsCheck;
using FsCheck.Fluent;
using Superposition.Inputs;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;
using Xunit;

namespace Superposition.Training.Tests;

/// <summary>The read-out trainer's gradient against central finite differences, on generated sparse activations.</summary>
public sealed class ReadoutTrainerTests
{
    private static Gen<(double[] Weights, int Units, int Outputs, SparseActivations[] Activations, SampleBatch Batch, TrainingLoss Loss, double PositiveWeight)> Cases() =>
        from m in Gen.Choose(2, 5)
        from s in Gen.Choose(1, m)
        from units in Gen.Choose(1, 6)
        from batchSize in Gen.Choose(1, 4)
        from loss in Gen.Elements(Enum.GetValues<TrainingLoss>())
        from positiveWeight in Gen.Elements(1.0, 3.0, 40.0)
        from seed in CoreGenerators.Seeds
        let problem = (AndProblem)ProblemGeneration.Generate(new ProblemSpec(ProblemKind.And, "complete", m, m * (m - 1) / 2, s), seed)
        let outputs = problem.OutputCount
        let rng = new Rng(seed.Derive("values"))
        let weights = Enumerable.Range(0, (units * outputs) + outputs).Select(_ => (2 * rng.NextDouble()) - 1).ToArray()
        // Each unit is live with chance 1/2, at a value in (0, 2]: the sparse vectors the frozen network gives.
        let activations = Enumerable.Range(0, batchSize).Select(_ =>
        {
            var live = Enumerable.Range(0, units).Where(_ => rng.NextDouble() < 0.5).ToArray();
            return new SparseActivations(live, [.. live.Select(_ => 2 * (1 - rng.NextDouble()))]);
        }).ToArray()
        select (weights, units, outputs, activations, InputSamplers.Batch(problem, "uniform", 0, batchSize, seed.Derive("batch")), loss, positiveWeight);

    [Fact]
    public void Gradient_equals_a_central_finite_difference_for_every_loss() =>
        PropertyCheck.Run(
            Cases(),
            c =>
            {
                var gradient = new double[c.Weights.Length];
                ReadoutTrainer.LossAndGradient(c.Weights, c.Units, c.Outputs, c.Activations, c.Batch, c.Loss, gradient, out _, c.PositiveWeight);
                var scratch = new double[gradient.Length];
                const double step = 1e-6;
                for (var k = 0; k < gradient.Length; k++)
                {
                    var plus = (double[])c.Weights.Clone();
                    plus[k] += step;
                    var minus = (double[])c.Weights.Clone();
                    minus[k] -= step;
                    var numeric = (ReadoutTrainer.LossAndGradient(plus, c.Units, c.Outputs, c.Activations, c.Batch, c.Loss, scratch, out _, c.PositiveWeight) - ReadoutTrainer.LossAndGradient(minus, c.Units, c.Outputs, c.Activations, c.Batch, c.Loss, scratch, out _, c.PositiveWeight)) / (2 * step);
                    Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-6 + (1e-4 * Math.Abs(numeric)), $"{c.Loss}: weight {k} has gradient {gradient[k]}, finite difference {numeric}");
                }
            },
            maxTest: 60);

    [Fact]
    public void A_unit_no_sample_reaches_is_not_touched()
    {
        var problem = (AndProblem)ProblemGeneration.Generate(new ProblemSpec(ProblemKind.And, "complete", 4, 6, 2), new Seed(1));
        var batch = InputSamplers.Batch(problem, "uniform", 0, 3, new Seed(2));
        var weights = Enumerable.Repeat(0.3, (2 * 6) + 6).ToArray();
        var gradient = new double[weights.Length];
        SparseActivations[] activations = [new([0], [1.0]), new([0], [0.5]), new([], [])];
        // Unit 1's row holds NaN beforehand: it is reached by no sample, so it is neither read nor written.
        gradient.AsSpan(6, 6).Fill(double.NaN);
        ReadoutTrainer.LossAndGradient(weights, 2, 6, activations, batch, TrainingLoss.Mse, gradient, out var touched);
        Assert.Equal([0], touched);
        Assert.All(gradient.AsSpan(6, 6).ToArray(), g => Assert.True(double.IsNaN(g)));
        Assert.Contains(gradient.AsSpan(0, 6).ToArray(), g => g != 0);
    }
}
