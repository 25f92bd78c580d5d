using System.Globalization;
using Superposition.Bounds;
using Superposition.Evaluation;
using Superposition.Networks;
using Superposition.Statistics;
using Superposition.Sweeps;

namespace Superposition.Rows;

/// <summary>Maps a finished (case, replicate) onto its dataset row: the one place Core values become columns.</summary>
public static class RowMapping
{
    /// <summary>Provenance shared by every row of a run.</summary>
    public sealed record RunInfo(string ToolVersion, string SpecHash);

    /// <summary>Measured cost of a case: build time and the summed time of its evaluated batches.</summary>
    public readonly record struct CaseTiming(double BuildSeconds, double EvalSeconds);

    /// <summary>The row of a case that built and was evaluated.</summary>
    public static CaseRow ToRow(RunCase runCase, Network network, ErrorStatistics statistics, CaseTiming timing, RunInfo run)
    {
        var resources = network.Resources;
        var bounds = BoundCalculator.For(runCase.Problem);
        var wilson = statistics.SampleErrorRateWilson95;
        var classes = statistics.Classes;
        return Identity(runCase, run, "ok", null, bounds) with
        {
            ConstructionParams = network.Parameters.ToJson(),
            CodeWidthIn = resources.CodeWidthIn,
            CodeWidthOut = resources.CodeWidthOut,
            InputEncoding = network.Input.EncodingName,
            InputNeurons = resources.InputNeurons,
            OutputNeurons = resources.OutputNeurons,
            HiddenNeurons = resources.HiddenNeurons,
            NeuronCount = resources.NeuronCount,
            WeightCount = resources.WeightCount,
            BiasCount = resources.BiasCount,
            ParameterCount = resources.ParameterCount,
            WeightBits = resources.WeightBits,
            CodeBits = resources.CodeBits,
            Samples = statistics.Samples,
            SamplesCorrect = statistics.CorrectSamples,
            TrueOutputs = statistics.TrueOutputs,
            FalsePositives = statistics.FalsePositives,
            FalseNegatives = statistics.FalseNegatives,
            SampleErrorRate = statistics.SampleErrorRate,
            SampleErrorRateUpper95 = statistics.SampleErrorRateUpper95,
            OutputFalsePositiveRate = statistics.OutputFalsePositiveRate(runCase.Problem.OutputCount),
            MinTrueMargin = statistics.MinTrueMargin,
            MaxFalseMargin = statistics.MaxFalseMargin,
            SampleErrorRateLower95 = statistics.SampleErrorRateLower95,
            SampleErrorRateWilsonLower95 = wilson.Lower,
            SampleErrorRateWilsonUpper95 = wilson.Upper,
            FalseOutputsPerSample = statistics.FalseOutputsPerSample,
            FalseOutputsPerSampleStderr = statistics.FalseOutputsPerSampleStderr,
            FalseOutputSquares = (double)statistics.FalseOutputSquares,
            FalsePositivesSharingInput = statistics.FalsePositivesSharingInput,
            SamplesNoTrueOutput = classes.SamplesNone,
            SamplesOneTrueOutput = classes.SamplesOne,
            SamplesTwoTrueOutputs = classes.SamplesTwo,
            SamplesThreeOrMoreTrueOutputs = classes.SamplesThreeOrMore,
            WrongNoTrueOutput = classes.WrongNone,
            WrongOneTrueOutput = classes.WrongOne,
            WrongTwoTrueOutputs = classes.WrongTwo,
            WrongThreeOrMoreTrueOutputs = classes.WrongThreeOrMore,
            Exhaustive = runCase.Exhaustive,
            WorstInputIndex = statistics.Witnesses.WorstIndex,
            WorstInput = Json(statistics.Witnesses.WorstInput),
            WrongInputs = WrongInputsJson(statistics.Witnesses),
            Adversarial = runCase.SearchBudget > 0,
            SearchEvaluations = statistics.SearchEvaluations,
            BuildSeconds = timing.BuildSeconds,
            EvalSeconds = timing.EvalSeconds,
            SamplesPerSecond = timing.EvalSeconds > 0 ? statistics.Samples / timing.EvalSeconds : double.NaN,
            TrainingFinalLoss = network.Training?.FinalLoss,
            TrainingSteps = network.Training?.Steps,
            TrainingSeconds = network.Training?.Seconds,
            TrainingSeed = network.Training?.Seed,
        };
    }

    /// <summary>The wrong inputs as a JSON array of ascending index arrays, <c>[[0,5,9],[1,2,7]]</c>, in sample order.</summary>
    private static string WrongInputsJson(InputWitnesses witnesses) => "[" + string.Join(",", witnesses.Wrong.Select(w => Json(w.Input))) + "]";

    /// <summary>An input as a JSON array, <c>[0,5,9]</c>: text, so that rows stay values (an array property would compare by reference).</summary>
    private static string Json(IEnumerable<int> input) => "[" + string.Join(",", input.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The samples.parquet rows of a case's kept samples, in sample order.</summary>
    public static IReadOnlyList<SampleRow> ToSampleRows(RunCase runCase, IReadOnlyList<SampleOutcome> samples) =>
        [.. samples.Select(s => new SampleRow
        {
            Sweep = runCase.Sweep,
            CaseId = runCase.CaseId.Value,
            Replicate = runCase.Replicate,
            SampleIndex = s.SampleIndex,
            ActiveInputs = [.. s.ActiveInputs],
            TrueOutputCount = s.TrueOutputCount,
            FalsePositiveOutputs = [.. s.FalsePositiveOutputs],
            FalseNegativeOutputs = [.. s.FalseNegativeOutputs],
            Correct = s.Correct,
        })];

    /// <summary>The row of a case whose construction failed: identity, problem and bounds, the error, and no measurements.</summary>
    public static CaseRow ToFailedRow(RunCase runCase, string error, double buildSeconds, RunInfo run) =>
        Identity(runCase, run, "failed", error, BoundCalculator.For(runCase.Problem)) with
        {
            SampleErrorRate = double.NaN,
            SampleErrorRateUpper95 = double.NaN,
            OutputFalsePositiveRate = double.NaN,
            MinTrueMargin = double.NaN,
            MaxFalseMargin = double.NaN,
            SampleErrorRateLower95 = double.NaN,
            SampleErrorRateWilsonLower95 = double.NaN,
            SampleErrorRateWilsonUpper95 = double.NaN,
            FalseOutputsPerSample = double.NaN,
            FalseOutputsPerSampleStderr = double.NaN,
            WeightBits = double.NaN,
            CodeBits = double.NaN,
            BuildSeconds = buildSeconds,
            EvalSeconds = 0,
            SamplesPerSecond = double.NaN,
            Exhaustive = runCase.Exhaustive,
            Adversarial = runCase.SearchBudget > 0,
        };

    /// <summary>
    /// The row of one threshold search over <paramref name="search"/>'s (case, replicate), with the case row
    /// of the probe at the threshold (null when the search found none).
    /// </summary>
    public static ThresholdRow ToThresholdRow(RunCase search, Thresholds.ThresholdSpec threshold, Thresholds.ThresholdResult result, CaseRow? atThreshold, RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(result);
        var bounds = BoundCalculator.For(search.Problem);
        return new ThresholdRow
        {
            Sweep = search.Sweep,
            Search = search.Index,
            Replicate = search.Replicate,
            ToolVersion = run.ToolVersion,
            SpecHash = run.SpecHash,
            Problem = search.Problem.ProblemName,
            Graph = search.Problem.Graph,
            InputCount = search.Problem.InputCount,
            OutputCount = search.Problem.OutputCount,
            Sparsity = search.Problem.Sparsity,
            Depth = search.Problem.Depth,
            InputDistribution = search.InputDistribution.Name,
            Construction = search.ConstructionName,
            Parameter = threshold.Parameter,
            Inputs = search.Exhaustive ? "all" : search.SearchBudget > 0 ? "adversarial" : "sampled",
            SamplesPerProbe = search.Samples,
            Status = Thresholds.ThresholdStatusNames.Of(result.Status),
            Threshold = result.Threshold ?? double.NaN,
            BracketLow = result.BracketLow,
            BracketHigh = result.BracketHigh,
            Tolerance = threshold.Settings.Tolerance,
            Probes = result.Probes.Count,
            Monotone = result.Monotone,
            ThresholdCaseId = atThreshold?.CaseId,
            NeuronCount = atThreshold?.NeuronCount ?? 0,
            ParameterCount = atThreshold?.ParameterCount ?? 0,
            RefNeuronsLower = bounds.NeuronsLower,
            RefParametersLower = bounds.ParametersLower,
        };
    }

    private static CaseRow Identity(RunCase runCase, RunInfo run, string status, string? error, BoundValues bounds) => new()
    {
        Sweep = runCase.Sweep,
        CaseId = runCase.CaseId.Value,
        Replicate = runCase.Replicate,
        Seed = runCase.ReportedSeed,
        Status = status,
        Error = error,
        ToolVersion = run.ToolVersion,
        SpecHash = run.SpecHash,
        Problem = runCase.Problem.ProblemName,
        Graph = runCase.Problem.Graph,
        InputCount = runCase.Problem.InputCount,
        OutputCount = runCase.Problem.OutputCount,
        Sparsity = runCase.Problem.Sparsity,
        Depth = runCase.Problem.Depth,
        InputDistribution = runCase.InputDistribution.Name,
        Construction = runCase.ConstructionName,
        ConstructionParams = runCase.Construction.Values.ToJson(),
        InstanceBits = bounds.InstanceBits,
        RefNeuronsLower = bounds.NeuronsLower,
        RefParametersLower = bounds.ParametersLower,
        RefNeuronsUpper = bounds.NeuronsUpper,
        RefParametersUpper = bounds.ParametersUpper,
    };
}
