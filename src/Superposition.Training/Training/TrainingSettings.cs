namespace Superposition.Training;

/// <summary>
/// How a one-hidden-layer ReLU network is trained: its width, the loss, Adam's settings, how many steps
/// on batches of how many inputs, and which registered input distribution the training inputs come from; true outputs weigh
/// <c>PositiveWeight</c> in the loss.
/// </summary>
public sealed record TrainingSettings(
    int HiddenWidth,
    TrainingLoss Loss = TrainingLoss.Bce,
    double LearningRate = 0.01,
    int Steps = 1000,
    int BatchSize = 256,
    string InputDistribution = "uniform",
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    double PositiveWeight = 1.0)
{
    /// <summary>The value above which an output's logit reads as 1: the point where the loss's target flips.</summary>
    public double Threshold => Loss == TrainingLoss.Bce ? 0.0 : 0.5;

    /// <summary>Settings a trainer cannot run, as messages; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (HiddenWidth < 1)
        {
            problems.Add("hidden width must be at least 1");
        }
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            problems.Add("learning rate must be a positive number");
        }
        if (Steps < 0)
        {
            problems.Add("steps must not be negative");
        }
        if (BatchSize < 1)
        {
            problems.Add("batch size must be at least 1");
        }
        if (!(Beta1 >= 0 && Beta1 < 1) || !(Beta2 >= 0 && Beta2 < 1) || !(Epsilon > 0))
        {
            problems.Add("Adam needs 0 ≤ β1, β2 < 1 and ε > 0");
        }
        if (!(PositiveWeight > 0) || !double.IsFinite(PositiveWeight))
        {
            problems.Add("positive weight must be a positive number");
        }
        return problems;
    }
}
