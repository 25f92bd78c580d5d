using FsCheck;
using FsCheck.Fluent;
using Superposition.Rows;

namespace Superposition.Datasets.Tests.Support;

/// <summary>
/// FsCheck generators for dataset rows. Values lean on the edges a file format gets wrong: NaN and ±∞
/// (any double bit pattern, in fact), uint64 above 2^63, extreme integers, empty and non-ASCII strings,
/// null errors, empty lists. Strings are built from whole characters, so they are valid UTF-16 (a lone
/// surrogate cannot survive UTF-8, in Parquet or anywhere else).
/// </summary>
public static class RowGenerators
{
    private static readonly string[] Characters = ["a", "Z", "0", "_", "-", " ", ".", "'", "\"", "\\", "\n", "é", "ü", "ß", "漢", "字", "🙂", "𝔁"];

    private static Gen<int> Chunk16 { get; } = Gen.Choose(0, ushort.MaxValue);

    public static Gen<ulong> UInt64 { get; } = Gen.Frequency(
        (4, from a in Chunk16 from b in Chunk16 from c in Chunk16 from d in Chunk16 select ((ulong)(uint)a << 48) | ((ulong)(uint)b << 32) | ((ulong)(uint)c << 16) | (uint)d),
        (1, Gen.Elements(0UL, 1UL, (1UL << 63) - 1, 1UL << 63, (1UL << 63) + 1, ulong.MaxValue)));

    public static Gen<long> Int64 { get; } = UInt64.Select(bits => unchecked((long)bits));

    public static Gen<int> Int32 { get; } = Gen.Frequency(
        (4, from a in Chunk16 from b in Chunk16 select unchecked((int)(((uint)a << 16) | (uint)b))),
        (2, Gen.Choose(-3, 100)),
        (1, Gen.Elements(int.MinValue, int.MaxValue)));

    /// <summary>Any bit pattern (NaNs with payloads, subnormals, ±0) plus the special values named.</summary>
    public static Gen<double> Double { get; } = Gen.Frequency(
        (4, UInt64.Select(bits => BitConverter.Int64BitsToDouble(unchecked((long)bits)))),
        (2, Gen.Choose(-1000, 1000).Select(n => n / 8.0)),
        (2, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, double.MinValue)));

    public static Gen<string> Text { get; } = Gen.Elements(Characters).ArrayOf().Select(string.Concat);

    public static Gen<string?> OptionalText { get; } = Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Text.Select(text => (string?)text)));

    public static Gen<bool> Boolean { get; } = Gen.Elements(true, false);

    /// <summary>Null a third of the time, as the training columns of a constructed network are.</summary>
    private static Gen<T?> Optional<T>(Gen<T> values)
        where T : struct => Gen.Frequency((1, Gen.Constant<T?>(null)), (2, values.Select(value => (T?)value)));

    public static Gen<int[]> IntList { get; } = Gen.Frequency((1, Gen.Constant(Array.Empty<int>())), (3, Int32.ArrayOf()));

    public static Gen<CaseRow> CaseRow { get; } =
        from texts in Text.ArrayOf(11)
        from error in OptionalText
        from seed in UInt64
        from ints in Int32.ArrayOf(6)
        from longs in Int64.ArrayOf(21)
        from doubles in Double.ArrayOf(21)
        from exhaustive in Boolean
        from worstIndex in Int64
        from worstInput in Text
        from wrongInputs in Text
        from adversarial in Boolean
        from searchEvaluations in Int64
        from trainingLoss in Optional(Double)
        from trainingSteps in Optional(Int32)
        from trainingSeconds in Optional(Double)
        from trainingSeed in Optional(UInt64)
        select new CaseRow
        {
            Sweep = texts[0],
            CaseId = texts[1],
            Replicate = ints[0],
            Seed = seed,
            Status = texts[2],
            Error = error,
            ToolVersion = texts[3],
            SpecHash = texts[4],
            Problem = texts[5],
            Graph = texts[6],
            InputCount = ints[1],
            OutputCount = ints[2],
            Sparsity = ints[3],
            InputDistribution = texts[7],
            Construction = texts[8],
            ConstructionParams = texts[9],
            CodeWidthIn = ints[4],
            CodeWidthOut = ints[5],
            InputEncoding = texts[10],
            InputNeurons = longs[0],
            OutputNeurons = longs[1],
            HiddenNeurons = longs[2],
            NeuronCount = longs[3],
            WeightCount = longs[4],
            BiasCount = longs[5],
            ParameterCount = longs[6],
            InstanceBits = doubles[0],
            WeightBits = doubles[1],
            CodeBits = doubles[2],
            RefNeuronsLower = doubles[3],
            RefParametersLower = doubles[4],
            RefNeuronsUpper = doubles[5],
            RefParametersUpper = doubles[6],
            Samples = longs[7],
            SamplesCorrect = longs[8],
            TrueOutputs = longs[9],
            FalsePositives = longs[10],
            FalseNegatives = longs[11],
            SampleErrorRate = doubles[7],
            SampleErrorRateUpper95 = doubles[8],
            OutputFalsePositiveRate = doubles[9],
            MinTrueMargin = doubles[10],
            MaxFalseMargin = doubles[11],
            SampleErrorRateLower95 = doubles[15],
            SampleErrorRateWilsonLower95 = doubles[16],
            SampleErrorRateWilsonUpper95 = doubles[17],
            FalseOutputsPerSample = doubles[18],
            FalseOutputsPerSampleStderr = doubles[19],
            FalseOutputSquares = doubles[20],
            FalsePositivesSharingInput = longs[12],
            SamplesNoTrueOutput = longs[13],
            SamplesOneTrueOutput = longs[14],
            SamplesTwoTrueOutputs = longs[15],
            SamplesThreeOrMoreTrueOutputs = longs[16],
            WrongNoTrueOutput = longs[17],
            WrongOneTrueOutput = longs[18],
            WrongTwoTrueOutputs = longs[19],
            WrongThreeOrMoreTrueOutputs = longs[20],
            Exhaustive = exhaustive,
            WorstInputIndex = worstIndex,
            WorstInput = worstInput,
            WrongInputs = wrongInputs,
            Adversarial = adversarial,
            SearchEvaluations = searchEvaluations,
            BuildSeconds = doubles[12],
            EvalSeconds = doubles[13],
            SamplesPerSecond = doubles[14],
            TrainingFinalLoss = trainingLoss,
            TrainingSteps = trainingSteps,
            TrainingSeconds = trainingSeconds,
            TrainingSeed = trainingSeed,
        };

    /// <summary>Samples of one (case, replicate), as the pipeline hands them to the sink with their case row.</summary>
    public static Gen<SampleRow> SampleOf(string sweep, string caseId, int replicate) =>
        from index in Int64
        from active in IntList
        from trueOutputs in Int32
        from falsePositives in IntList
        from falseNegatives in IntList
        from correct in Boolean
        select new SampleRow
        {
            Sweep = sweep,
            CaseId = caseId,
            Replicate = replicate,
            SampleIndex = index,
            ActiveInputs = active,
            TrueOutputCount = trueOutputs,
            FalsePositiveOutputs = falsePositives,
            FalseNegativeOutputs = falseNegatives,
            Correct = correct,
        };

    public static Gen<CaseWithSamples> CaseWithSamples { get; } =
        from row in CaseRow
        from samples in SampleOf(row.Sweep, row.CaseId, row.Replicate).ArrayOf()
        select new CaseWithSamples(row, samples);
}
