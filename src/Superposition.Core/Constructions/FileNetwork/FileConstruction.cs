using System.Collections.Immutable;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Validation;

namespace Superposition.Constructions;

/// <summary>
/// <c>"construction": "file"</c>: a network read from a file (docs/spec-format.md, "The file
/// construction") runs in a sweep like a built one. Core reads no files: the spec parser asks
/// <see cref="Loader"/>, which the command line installs for the spec it reads (resolving the path
/// against the spec's directory and reading with the Datasets readers), and the request then carries
/// the network. Its canonical parameters are the path and the file's SHA-256, so a changed file is a
/// new case. The file's problem instance replaces the generated one: the spec's problem must have the
/// file's kind, m and m' (and, for a circuit, its depth; m' is then the gates of the last layer); the
/// spec's sparsity and input distributions are used.
/// </summary>
public sealed record FileConstruction : ConstructionDefinition
{
    public const string ConstructionName = "file";

    public const string PathParameter = "path";

    /// <summary>The canonical parameter that records the file's content.</summary>
    public const string HashParameter = "sha256";

    private FileConstruction()
    {
    }

    /// <summary>Reads a network file by the path a spec gives; installed by the command line. Without one, every path is an error.</summary>
    public static Func<string, ImportedNetwork> Loader { get; set; } = _ => ImportedNetwork.Failed("network files are read by the command line; no loader is installed here");

    public static FileConstruction Definition { get; } = new()
    {
        Name = ConstructionName,
        Summary = "a network read from a safetensors file (an export or a superposition-layered file); params.path is relative to the spec",
        Role = ConstructionRole.Peer,
        Solves = [ProblemKind.And, ProblemKind.Permutation, ProblemKind.Circuit],
        NeverFalseNegative = false,
    };

    public override ImmutableArray<ParameterDefinition> Parameters { get; } =
    [
        new ParameterDefinition { Name = PathParameter, Description = "the network file, relative to the spec file (required)", DefaultChoice = "", IsText = true },
    ];

    public override (ConstructionRequest? Request, ImmutableArray<SpecError> Errors) Resolve(IReadOnlyDictionary<string, object> raw, string path)
    {
        ArgumentNullException.ThrowIfNull(raw);
        string At(string field) => path.Length == 0 ? field : $"{path}.{field}";
        var errors = ImmutableArray.CreateBuilder<SpecError>();
        foreach (var name in raw.Keys.Where(k => k is not PathParameter and not HashParameter).Order(StringComparer.Ordinal))
        {
            errors.Add(new SpecError(At(name), $"'{Name}' has no parameter '{name}'; {NearestName.Hint(name, [PathParameter])}"));
        }
        if (!raw.TryGetValue(PathParameter, out var given) || given is not string file || file.Length == 0)
        {
            errors.Add(new SpecError(At(PathParameter), given is null or "" ? "the file construction needs params.path, the network file (relative to the spec)" : $"expected a string, got {given}"));
            return (null, errors.ToImmutable());
        }
        var imported = Loader(file);
        if (imported.Network is null)
        {
            errors.Add(new SpecError(At(PathParameter), imported.Error ?? "the file holds no network"));
        }
        else if (raw.TryGetValue(HashParameter, out var hash) && !Equals(hash, imported.ContentHash))
        {
            // Resolving canonical values again (a journal, an export): the file must still be the one the case names.
            errors.Add(new SpecError(At(PathParameter), $"the file's SHA-256 is {imported.ContentHash}, not the {hash} the case was made with: the file changed"));
        }
        if (errors.Count > 0)
        {
            return (null, errors.ToImmutable());
        }
        var values = new ConstructionParameters(
            ImmutableSortedDictionary<string, double>.Empty,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(PathParameter, file), KeyValuePair.Create(HashParameter, imported.ContentHash)]));
        return (new ConstructionRequest<FileOptions>(this, values, new FileOptions { Path = file, Network = imported.Network, ContentHash = imported.ContentHash }), []);
    }

    public override IEnumerable<ParameterError> Check(ProblemSpec problem, ConstructionRequest request)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(request);
        var network = request.OptionsAs<FileOptions>().Network!;
        var file = network.Problem.Spec;
        if (file.Kind != problem.Kind || file.InputCount != problem.InputCount || file.OutputCount != problem.OutputCount)
        {
            yield return new ParameterError(PathParameter, $"the file's network computes {file.ProblemName} with m = {file.InputCount}, m' = {file.OutputCount}, but the spec's problem is {problem.ProblemName} with m = {problem.InputCount}, m' = {problem.OutputCount}");
        }
        else if (file.Kind == ProblemKind.Circuit && file.Depth != problem.Depth)
        {
            yield return new ParameterError(PathParameter, $"the file's network computes a circuit of depth {file.Depth}, but the spec's problem has depth {problem.Depth}");
        }
    }

    /// <summary>The file's network with the file's instance under the spec's problem (its sparsity); the seed is recorded, nothing is drawn.</summary>
    public override Network Build(Problem problem, ConstructionRequest request, Seed seed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(request);
        var network = request.OptionsAs<FileOptions>().Network!;
        Problem instance = network.Problem switch
        {
            AndProblem and => new AndProblem(problem.Spec, and.Pairs),
            PermutationProblem permutation => new PermutationProblem(problem.Spec, permutation.Permutation),
            CircuitProblem circuit => new CircuitProblem(circuit.Circuit, problem.Spec.Sparsity, problem.Spec.Graph),
            var other => throw new ArgumentException($"unknown problem kind {other.GetType().Name}", nameof(request)),
        };
        return Network.Create(Name, request.Values, instance, seed, network.Input, network.Layers, network.Readout, network.Layout);
    }

    /// <summary>The network is in memory already; its sizes, for the memory estimate.</summary>
    public override ConstructionSizes EstimateSizes(ProblemSpec problem, ConstructionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resources = request.OptionsAs<FileOptions>().Network!.Resources;
        return new ConstructionSizes(0, resources.InputNeurons, 0, resources.HiddenNeurons + resources.OutputNeurons, resources.WeightCount);
    }
}
