namespace Superposition.Training;

/// <summary>Adam's update (Kingma and Ba), one parameter at a time in index order, so the same inputs give the same bits.</summary>
public static class Adam
{
    /// <summary>
    /// Moves <paramref name="values"/> one step against <paramref name="gradient"/>, updating the first and
    /// second moments in place; <paramref name="step"/> counts from 0 (its bias corrections use step + 1).
    /// </summary>
    public static void Step(Span<double> values, ReadOnlySpan<double> gradient, Span<double> firstMoment, Span<double> secondMoment, TrainingSettings settings, int step)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (gradient.Length != values.Length || firstMoment.Length != values.Length || secondMoment.Length != values.Length)
        {
            throw new ArgumentException("values, gradient and moments must have one length");
        }
        var correction1 = 1 - Math.Pow(settings.Beta1, step + 1);
        var correction2 = 1 - Math.Pow(settings.Beta2, step + 1);
        for (var k = 0; k < values.Length; k++)
        {
            firstMoment[k] = (settings.Beta1 * firstMoment[k]) + ((1 - settings.Beta1) * gradient[k]);
            secondMoment[k] = (settings.Beta2 * secondMoment[k]) + ((1 - settings.Beta2) * gradient[k] * gradient[k]);
            values[k] -= settings.LearningRate * (firstMoment[k] / correction1) / (Math.Sqrt(secondMoment[k] / correction2) + settings.Epsilon);
        }
    }
}
