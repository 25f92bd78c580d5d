using Superposition.Inputs;
using Superposition.Networks;

namespace Superposition.Evaluation;

/// <summary>
/// The one evaluation entry of the product: the factored shape goes to <see cref="FactoredEvaluator"/>
/// unchanged, every other shape to <see cref="LayeredEvaluator"/>. Both are exact and both return the
/// decoded outputs with their margins.
/// </summary>
public static class NetworkEvaluator
{
    /// <summary>Evaluates a batch with scratch made for <paramref name="network"/> (<c>new EvaluationScratch(network)</c>).</summary>
    public static BatchOutcome Evaluate(Network network, SampleBatch batch, EvaluationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.IsFactored ? FactoredEvaluator.Evaluate(network, batch, scratch) : LayeredEvaluator.Evaluate(network, batch, scratch);
    }

    /// <summary>The activation vector the read-out reads, for one input (active features, or true outputs for a targets stage).</summary>
    public static double[] Activations(Network network, ReadOnlySpan<int> features, EvaluationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.IsFactored ? FactoredEvaluator.Activations(network, features, scratch) : LayeredEvaluator.Activations(network, features, scratch);
    }
}
