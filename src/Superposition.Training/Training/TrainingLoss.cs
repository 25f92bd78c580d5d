namespace Superposition.Training;

/// <summary>The loss a trained network minimises, averaged over the batch and the outputs.</summary>
public enum TrainingLoss
{
    /// <summary>Binary cross-entropy on the logit z: log(1 + e^z) − y·z. Read out as z &gt; 0.</summary>
    Bce,

    /// <summary>(z − y)². Read out as z &gt; 1/2.</summary>
    Mse,

    /// <summary>(z − y)⁴, which punishes the few large errors more than the many small ones. Read out as z &gt; 1/2.</summary>
    L4,
}
