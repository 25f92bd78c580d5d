using Superposition.Constructions;
using Superposition.Problems;

namespace Superposition.Sweeps;

/// <summary>
/// Estimates peak memory per case from the sizes the constructions will draw, without building
/// anything (docs/spec-format.md, "Memory estimate"). The model counts the big arrays only and rounds
/// up: 16 bytes per code support entry (forward and reverse index, plus building slack), 32 bytes per
/// nonzero of M (8 stored, up to 24 more while the column lists grow and while resources are counted
/// on the transposed matrix), 64 bytes per pair of a 2-AND instance, 16 bytes per neuron.
/// </summary>
public static class MemoryEstimates
{
    private const double BytesPerCodeEntry = 16;
    private const double BytesPerNonzero = 32;
    private const double BytesPerPair = 64;
    private const double BytesPerNeuron = 16;

    /// <summary>The estimate for one run of a sweep.</summary>
    public static MemoryEstimate Of(RunCase run)
    {
        var definition = ConstructionRegistry.Find(run.Construction)
            ?? throw new ArgumentException($"unknown construction '{run.Construction}'", nameof(run));
        var (parameters, errors) = definition.Resolve(run.ConstructionParams, "params");
        return parameters is not null
            ? Of(run.Problem, run.Construction, parameters)
            : throw new ArgumentException($"invalid parameters: {string.Join("; ", errors)}", nameof(run));
    }

    /// <summary>The run with the largest peak for <paramref name="workers"/> parallel workers, or null for no runs.</summary>
    public static (RunCase Run, long PeakBytes)? Largest(IEnumerable<RunCase> runs, int workers)
    {
        (RunCase, long)? largest = null;
        foreach (var run in runs)
        {
            var peak = Of(run).PeakBytes(workers);
            if (largest is not { } current || peak > current.Item2)
            {
                largest = (run, peak);
            }
        }
        return largest;
    }

    /// <summary>
    /// The estimate for building <paramref name="construction"/> on <paramref name="problem"/>. Pure
    /// arithmetic in double, so it never overflows, even for sizes that validation would reject.
    /// </summary>
    public static MemoryEstimate Of(ProblemSpec problem, string construction, ConstructionParameters parameters)
    {
        double m = problem.InputCount, outputs = problem.OutputCount;
        var problemBytes = problem.Kind == ProblemKind.And ? (BytesPerPair * outputs) + (16 * m) : 8 * m;
        var shape = Shape(problem, construction, parameters);
        var networkBytes = (BytesPerCodeEntry * (shape.InputEntries + shape.OutputEntries))
            + (BytesPerNonzero * shape.Nonzeros)
            + (BytesPerNeuron * (shape.InputNeurons + shape.OutputNeurons))
            + (8 * (m + outputs)); // code offsets
        var scratchBytes = (8 * shape.InputNeurons) + (12 * m) + (16 * shape.OutputNeurons) + (24 * outputs);
        return new MemoryEstimate(Bytes(problemBytes), Bytes(networkBytes), Bytes(scratchBytes));
    }

    /// <summary>Sizes of one construction: support entries of each code, nonzeros of M, neurons of each layer.</summary>
    private readonly record struct Sizes(double InputEntries, double InputNeurons, double OutputEntries, double OutputNeurons, double Nonzeros);

    private static Sizes Shape(ProblemSpec problem, string construction, ConstructionParameters parameters)
    {
        double m = problem.InputCount, outputs = problem.OutputCount, s = problem.Sparsity;
        double width = parameters.Numbers.ContainsKey(InputLayers.MinCodeWidth.Name) ? InputLayers.CodeWidth(problem.OutputCount, parameters) : 1;
        var baseNeurons = parameters.Numbers.TryGetValue(InputLayers.NeuronFactor.Name, out var factor) ? Math.Ceiling(factor * width * Math.Sqrt(s * outputs)) : m;
        var encoding = parameters.Choices.GetValueOrDefault(InputLayers.Encoding.Name, "auto");
        var isExplicit = encoding == "explicit" || (encoding == "auto" && m <= baseNeurons);
        var (inputEntries, inputNeurons) = isExplicit ? (m, m) : (m * width, baseNeurons);
        switch (construction)
        {
            case "dedicated":
                return new Sizes(inputEntries, inputNeurons, outputs, outputs, 2 * outputs);
            case "random-and":
                var neurons = parameters.Number("neurons");
                var probability = Math.Min(1, parameters.Number("connection_probability"));
                // readers: m·d·p entries, kept beside M while the output code is drawn
                return new Sizes(inputEntries, inputNeurons, outputs * neurons * probability * probability, neurons, 1.5 * m * neurons * probability);
            case "representation":
                var codeNeurons = Representation.NeuronCount(problem, parameters);
                return new Sizes(0, 0, outputs * width, codeNeurons, 0);
            case "superposed-permutation":
                return new Sizes(inputEntries, inputNeurons, m * width, baseNeurons, m * width);
            default:
                // superposed-and, and the fallback for constructions registered later: output code m'·b,
                // M ≈ 2·m'·b (both ends of every pair onto every neuron of its code), R plus blocks ≈ 2·n_0.
                return new Sizes(inputEntries, inputNeurons, outputs * width, 2 * baseNeurons, 2 * outputs * width);
        }
    }

    private static long Bytes(double bytes) => bytes >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(bytes);
}
