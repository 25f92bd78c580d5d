namespace Superposition.Rows;

/// <summary>
/// One row of thresholds.parquet: one threshold search, over one (case, replicate) of a sweep with a
/// <c>threshold</c> section (docs/dataset-schema.md). Every probe of the search is a row of cases.parquet
/// of the same sweep, problem, construction, distribution and replicate, the searched parameter set to
/// the probed value in <c>construction_params</c>; the probe at the threshold is <see cref="ThresholdCaseId"/>.
/// Without a threshold <see cref="Threshold"/> and the counts at it are NaN and 0.
/// </summary>
public sealed record ThresholdRow
{
    // identity
    public string Sweep { get; init; } = "";
    public int Search { get; init; }
    public int Replicate { get; init; }
    public string ToolVersion { get; init; } = "";
    public string SpecHash { get; init; } = "";

    // problem and construction (as in cases.parquet)
    public string Problem { get; init; } = "";
    public string Graph { get; init; } = "";
    public int InputCount { get; init; }
    public int OutputCount { get; init; }
    public int Sparsity { get; init; }
    public int Depth { get; init; } = 1;
    public string InputDistribution { get; init; } = "";
    public string Construction { get; init; } = "";

    // search
    public string Parameter { get; init; } = "";
    public string Inputs { get; init; } = "";
    public long SamplesPerProbe { get; init; }
    public string Status { get; init; } = "";
    public double Threshold { get; init; } = double.NaN;
    public double BracketLow { get; init; } = double.NaN;
    public double BracketHigh { get; init; } = double.NaN;
    public double Tolerance { get; init; }
    public int Probes { get; init; }
    public bool Monotone { get; init; }

    // the network at the threshold
    public string? ThresholdCaseId { get; init; }
    public long NeuronCount { get; init; }
    public long ParameterCount { get; init; }
    public double RefNeuronsLower { get; init; } = double.NaN;
    public double RefParametersLower { get; init; } = double.NaN;
}
