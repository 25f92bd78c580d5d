using Superposition.Rows;

namespace Superposition.Datasets.Tests.Support;

/// <summary>Hand-picked rows: a healthy case, a failed case with the edge values, and their samples.</summary>
public static class ExampleRows
{
    public static CaseRow Ok { get; } = new()
    {
        Sweep = "quickstart",
        CaseId = "and-random-m100-s3-superposed-and",
        Replicate = 0,
        Seed = 12_345_678_901UL,
        Status = "ok",
        Error = null,
        ToolVersion = "0.1.0+abc",
        SpecHash = "9f2c",
        Problem = "and",
        Graph = "random",
        InputCount = 100,
        OutputCount = 200,
        Sparsity = 3,
        InputDistribution = "uniform",
        Construction = "superposed-and",
        ConstructionParams = """{"c_n":2.5,"c_b":1.0}""",
        CodeWidthIn = 8,
        CodeWidthOut = 8,
        InputEncoding = "explicit",
        InputNeurons = 100,
        OutputNeurons = 2_400,
        HiddenNeurons = 0,
        NeuronCount = 2_500,
        WeightCount = 9_600,
        BiasCount = 2_400,
        ParameterCount = 12_000,
        InstanceBits = 1_234.5,
        WeightBits = 100_000.25,
        CodeBits = 20_000.125,
        RefNeuronsLower = 41.2,
        RefParametersLower = 1_528.77,
        RefNeuronsUpper = 108.1,
        RefParametersUpper = 11_685.2,
        Samples = 1_000,
        SamplesCorrect = 999,
        TrueOutputs = 42,
        FalsePositives = 1,
        FalseNegatives = 0,
        SampleErrorRate = 0.001,
        SampleErrorRateUpper95 = 0.0055,
        OutputFalsePositiveRate = 5.0e-6,
        MinTrueMargin = 0.25,
        MaxFalseMargin = -0.25,
        SampleErrorRateLower95 = 2.5e-5,
        SampleErrorRateWilsonLower95 = 1.8e-4,
        SampleErrorRateWilsonUpper95 = 0.0057,
        FalseOutputsPerSample = 0.001,
        FalseOutputsPerSampleStderr = 0.001,
        FalseOutputSquares = 1,
        FalsePositivesSharingInput = 1,
        SamplesNoTrueOutput = 800,
        SamplesOneTrueOutput = 160,
        SamplesTwoTrueOutputs = 30,
        SamplesThreeOrMoreTrueOutputs = 10,
        WrongNoTrueOutput = 0,
        WrongOneTrueOutput = 1,
        WrongTwoTrueOutputs = 0,
        WrongThreeOrMoreTrueOutputs = 0,
        BuildSeconds = 0.5,
        EvalSeconds = 1.25,
        SamplesPerSecond = 800.0,
    };

    /// <summary>A failed case: unicode error, NaN accuracy, ±∞ margins, a seed above 2^63, empty strings.</summary>
    public static CaseRow Failed { get; } = new()
    {
        Sweep = "quickstart",
        CaseId = "perm-ü-漢字-🙂",
        Replicate = 3,
        Seed = (1UL << 63) + 12_345,
        Status = "failed",
        Error = "construction failed: c_n = 0 — ungültig, 無効 🙂",
        ToolVersion = "0.1.0+abc",
        SpecHash = "9f2c",
        Problem = "permutation",
        Graph = "",
        InputCount = 10,
        OutputCount = 10,
        Sparsity = 2,
        InputDistribution = "hubs",
        Construction = "superposed-permutation",
        ConstructionParams = "{}",
        InputEncoding = "",
        InstanceBits = 21.79,
        WeightBits = double.NaN,
        CodeBits = double.NaN,
        SampleErrorRate = double.NaN,
        SampleErrorRateUpper95 = double.NaN,
        OutputFalsePositiveRate = double.NaN,
        MinTrueMargin = double.PositiveInfinity,
        MaxFalseMargin = double.NegativeInfinity,
        SampleErrorRateLower95 = double.NaN,
        SampleErrorRateWilsonLower95 = double.NaN,
        SampleErrorRateWilsonUpper95 = double.NaN,
        FalseOutputsPerSample = double.NaN,
        FalseOutputsPerSampleStderr = double.NaN,
        SamplesPerSecond = double.NaN,
    };

    public static CaseRow[] Cases { get; } = [Ok, Failed, new CaseRow { Sweep = "quickstart", CaseId = "max", Seed = ulong.MaxValue, Status = "ok", Replicate = int.MaxValue, Samples = long.MaxValue, BuildSeconds = -0.0 }];

    public static SampleRow[] SamplesOf(CaseRow row) =>
    [
        new() { Sweep = row.Sweep, CaseId = row.CaseId, Replicate = row.Replicate, SampleIndex = 0, ActiveInputs = [3, 17, 42], TrueOutputCount = 1, FalsePositiveOutputs = [], FalseNegativeOutputs = [], Correct = true },
        new() { Sweep = row.Sweep, CaseId = row.CaseId, Replicate = row.Replicate, SampleIndex = 1, ActiveInputs = [], TrueOutputCount = 0, FalsePositiveOutputs = [7], FalseNegativeOutputs = [], Correct = false },
        new() { Sweep = row.Sweep, CaseId = row.CaseId, Replicate = row.Replicate, SampleIndex = 2, ActiveInputs = [1, 2], TrueOutputCount = 2, FalsePositiveOutputs = [5, 9], FalseNegativeOutputs = [0, int.MaxValue], Correct = false },
    ];

    public static RunManifest Manifest(IEnumerable<CaseRow> rows, string sweep = "quickstart") => new(
        sweep,
        SpecText: """{"name":"quickstart","root_seed":1,"note":"ünïcødé"}""",
        SpecHash: "9f2c",
        ToolVersion: "0.1.0+abc",
        GitCommit: "0123456789abcdef",
        StartedAt: new DateTimeOffset(2026, 11, 26, 1, 2, 3, TimeSpan.Zero),
        FinishedAt: new DateTimeOffset(2026, 11, 26, 1, 4, 5, 678, TimeSpan.Zero),
        Cases: [.. rows.Select(row => new CaseStatus(row.CaseId, row.Replicate, row.Status, row.Error))]);
}
