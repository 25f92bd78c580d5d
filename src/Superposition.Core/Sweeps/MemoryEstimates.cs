using Superposition.Constructions;
using Superposition.Problems;

namespace Superposition.Sweeps;

/// <summary>
/// Estimates peak memory per case from the sizes the constructions will draw, without building
/// anything (docs/spec-format.md, "Memory estimate"). The model counts the big arrays only and rounds
/// up: 16 bytes per code support entry (forward and reverse index, plus building slack), 32 bytes per
/// nonzero of M (8 stored, up to 24 more while the column lists grow and while resources are counted
/// on the transposed matrix), 64 bytes per pair of a 2-AND instance, 16 bytes per neuron. A layered
/// circuit's stacked weights take 27 bytes per nonzero instead: 12 stored (column and value), 12 for the
/// evaluator's by-column copy, which all workers share, and 3 of slack; each stage is built in place, so
/// its temporaries stay below what the later by-column copies take.
/// </summary>
public static class MemoryEstimates
{
    private const double BytesPerCodeEntry = 16;
    private const double BytesPerNonzero = 32;
    private const double BytesPerCircuitNonzero = 27;
    private const double BytesPerPair = 64;
    private const double BytesPerNeuron = 16;

    /// <summary>The estimate for one run of a sweep.</summary>
    public static MemoryEstimate Of(RunCase run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Of(run.Problem, run.Construction);
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
    /// The estimate for building <paramref name="request"/> on <paramref name="problem"/>, from the sizes
    /// its construction says it will draw (<see cref="ConstructionDefinition.EstimateSizes"/>). Pure
    /// arithmetic in double, so it never overflows, even for sizes that validation would reject.
    /// </summary>
    public static MemoryEstimate Of(ProblemSpec problem, ConstructionRequest request)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(request);
        double m = problem.InputCount, outputs = problem.OutputCount;
        var problemBytes = problem.Kind == ProblemKind.And ? (BytesPerPair * outputs) + (16 * m) : 8 * m;
        var shape = request.Definition.EstimateSizes(problem, request);
        var networkBytes = (BytesPerCodeEntry * (shape.InputEntries + shape.OutputEntries))
            + ((request.Definition.Name == SuperposedCircuit.Name ? BytesPerCircuitNonzero : BytesPerNonzero) * shape.Nonzeros)
            + (BytesPerNeuron * (shape.InputNeurons + shape.OutputNeurons))
            + (8 * (m + outputs)); // code offsets
        var scratchBytes = (8 * shape.InputNeurons) + (12 * m) + (16 * shape.OutputNeurons) + (24 * outputs);
        return new MemoryEstimate(Bytes(problemBytes), Bytes(networkBytes), Bytes(scratchBytes));
    }

    private static long Bytes(double bytes) => bytes >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(bytes);
}
