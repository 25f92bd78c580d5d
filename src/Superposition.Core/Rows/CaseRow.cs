namespace Superposition.Rows;

/// <summary>
/// One row of cases.parquet: one (case, replicate). Property names map one to one onto the
/// snake_case columns of the dataset contract (docs/design.md; docs/dataset-schema.md), in order.
/// A failed case keeps its identity and problem columns, has <see cref="Status"/> "failed" and its
/// <see cref="Error"/>, and NaN/0 elsewhere.
/// </summary>
public sealed record CaseRow
{
    // identity
    public string Sweep { get; init; } = "";
    public string CaseId { get; init; } = "";
    public int Replicate { get; init; }
    public ulong Seed { get; init; }
    public string Status { get; init; } = "";
    public string? Error { get; init; }
    public string ToolVersion { get; init; } = "";
    public string SpecHash { get; init; } = "";

    // problem
    public string Problem { get; init; } = "";
    public string Graph { get; init; } = "";
    public int InputCount { get; init; }
    public int OutputCount { get; init; }
    public int Sparsity { get; init; }
    public int Depth { get; init; } = 1;
    public string InputDistribution { get; init; } = "";

    // construction
    public string Construction { get; init; } = "";
    public string ConstructionParams { get; init; } = "";
    public int CodeWidthIn { get; init; }
    public int CodeWidthOut { get; init; }
    public string InputEncoding { get; init; } = "";

    // resources
    public long InputNeurons { get; init; }
    public long OutputNeurons { get; init; }
    public long HiddenNeurons { get; init; }
    public long NeuronCount { get; init; }
    public long WeightCount { get; init; }
    public long BiasCount { get; init; }
    public long ParameterCount { get; init; }

    // bounds
    public double InstanceBits { get; init; }
    public double WeightBits { get; init; }
    public double CodeBits { get; init; }
    public double RefNeuronsLower { get; init; }
    public double RefParametersLower { get; init; }
    public double RefNeuronsUpper { get; init; }
    public double RefParametersUpper { get; init; }

    // accuracy
    public long Samples { get; init; }
    public long SamplesCorrect { get; init; }
    public long TrueOutputs { get; init; }
    public long FalsePositives { get; init; }
    public long FalseNegatives { get; init; }
    public double SampleErrorRate { get; init; }
    public double SampleErrorRateUpper95 { get; init; }
    public double OutputFalsePositiveRate { get; init; }
    public double MinTrueMargin { get; init; }
    public double MaxFalseMargin { get; init; }

    // error analysis (added within schema version 1)
    public double SampleErrorRateLower95 { get; init; }
    public double SampleErrorRateWilsonLower95 { get; init; }
    public double SampleErrorRateWilsonUpper95 { get; init; }
    public double FalseOutputsPerSample { get; init; }
    public double FalseOutputsPerSampleStderr { get; init; }
    public double FalseOutputSquares { get; init; }
    public long FalsePositivesSharingInput { get; init; }
    public long SamplesNoTrueOutput { get; init; }
    public long SamplesOneTrueOutput { get; init; }
    public long SamplesTwoTrueOutputs { get; init; }
    public long SamplesThreeOrMoreTrueOutputs { get; init; }
    public long WrongNoTrueOutput { get; init; }
    public long WrongOneTrueOutput { get; init; }
    public long WrongTwoTrueOutputs { get; init; }
    public long WrongThreeOrMoreTrueOutputs { get; init; }

    // witnesses (added within schema version 1)
    public bool Exhaustive { get; init; }
    public long WorstInputIndex { get; init; } = -1;
    public string WorstInput { get; init; } = "[]";
    public string WrongInputs { get; init; } = "[]";
    public bool Adversarial { get; init; }
    public long SearchEvaluations { get; init; }

    // cost
    public double BuildSeconds { get; init; }
    public double EvalSeconds { get; init; }
    public double SamplesPerSecond { get; init; }

    // training (added within schema version 1): null unless the network was trained
    public double? TrainingFinalLoss { get; init; }
    public int? TrainingSteps { get; init; }
    public double? TrainingSeconds { get; init; }
    public ulong? TrainingSeed { get; init; }
}
