using System.Collections.Immutable;
using System.Security.Cryptography;
using Superposition.Codes;
using Superposition.Constructions;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;

using static Superposition.Datasets.Safetensors.NetworkMetadata;

namespace Superposition.Datasets.Safetensors;

/// <summary>
/// Reads a network file of either format (the tool's factored export or the layered format) into a Core
/// <see cref="Network"/>. Every failure, from the container to the last tensor, is an
/// <see cref="InvalidDataException"/> whose message starts with the path and names one problem.
/// </summary>
public static class NetworkFiles
{
    /// <summary>Reads and checks <paramref name="path"/>; <paramref name="parameters"/> are recorded as the network's provenance.</summary>
    public static NetworkFile Read(string path, ConstructionParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = SafetensorsFile.Read(path);
        try
        {
            return FromFile(file, parameters ?? ConstructionParameters.Empty);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"{path}: not a valid network file: {error.Message}", error);
        }
        catch (KeyNotFoundException error)
        {
            throw new InvalidDataException($"{path}: not a valid network file: {error.Message}", error);
        }
    }

    /// <summary>SHA-256 of the file's bytes, lower-case hex: what names a file's network in a case id.</summary>
    public static string ContentHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The network a file holds, by its <c>format</c> metadata.</summary>
    public static NetworkFile FromFile(SafetensorsFile file, ConstructionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(file);
        var format = Metadata(file, "format");
        var claimed = file.Metadata.TryGetValue(LayeredNetworkFile.ClaimsKey, out var claims)
            ? [.. claims.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
            : ImmutableArray<string>.Empty;
        switch (format)
        {
            case LayeredNetworkFile.FormatName:
                return new NetworkFile(LayeredNetworkFile.Read(file, parameters), format, claimed, file.Metadata);
            case NetworkExport.FormatName:
                var network = FromExport(file, parameters);
                if (!file.Metadata.ContainsKey(LayeredNetworkFile.ClaimsKey) && ConstructionRegistry.Find(network.Construction) is { } definition && definition.NeverFalseNegativeWith(network.Parameters))
                {
                    claimed = [LayeredNetworkFile.NoFalseNegatives];
                }
                return new NetworkFile(network, format, claimed, file.Metadata);
            default:
                throw new InvalidDataException($"metadata 'format' = '{format}'; this reader knows '{NetworkExport.FormatName}' and '{LayeredNetworkFile.FormatName}'");
        }
    }

    /// <summary>An exported factored network as a Core network: codes, M from its coordinates (sorted by column, then row, no repeats), biases, decoder, instance.</summary>
    private static Network FromExport(SafetensorsFile file, ConstructionParameters parameters)
    {
        var exported = ExportedNetwork.From(file);
        var instance = exported.Instance ?? throw new InvalidDataException("a format-version-1 file carries no problem instance, so nothing can be checked against it; export it again");
        var kind = Metadata(file, "problem") == "and" ? ProblemKind.And : ProblemKind.Permutation;
        var spec = new ProblemSpec(kind, Metadata(file, "graph"), Count(file, "input_count"), Count(file, "output_count"), Count(file, "sparsity"));
        Problem problem = kind == ProblemKind.And
            ? new AndProblem(spec, new PairSet(spec.InputCount, [.. Enumerable.Range(0, spec.OutputCount).Select(e => instance.Pairs[2 * e])], [.. Enumerable.Range(0, spec.OutputCount).Select(e => instance.Pairs[(2 * e) + 1])]))
            : new PermutationProblem(spec, instance.Permutation);
        var encoding = Metadata(file, "input_encoding") switch
        {
            "explicit" => InputEncoding.Explicit,
            "superposed" => InputEncoding.Superposed,
            "targets" => InputEncoding.Targets,
            var other => throw new InvalidDataException($"metadata 'input_encoding' = '{other}'; expected explicit, superposed or targets"),
        };
        // The explicit input code is exactly the explicit encoding; the output code's explicitness is in the
        // metadata (a file written before that key existed: an identity-shaped output code is taken as explicit).
        var inputCode = new Code(exported.InputNeuronCount, exported.InputOffsets, exported.InputSupports, isExplicit: encoding == InputEncoding.Explicit);
        var outputExplicit = file.Metadata.TryGetValue(NetworkExport.OutputCodeExplicitKey, out var flag)
            ? flag == "true"
            : IsIdentity(exported.OutputNeuronCount, exported.OutputSupports);
        var outputCode = new Code(exported.OutputNeuronCount, exported.OutputOffsets, exported.OutputSupports, isExplicit: outputExplicit);
        ComputeMatrix? compute = null;
        if (exported.Rows is { } rows)
        {
            var columns = exported.Columns!;
            var offsets = new int[inputCode.FeatureCount + 1];
            for (var k = 0; k < rows.Length; k++)
            {
                if (k > 0 && (columns[k] < columns[k - 1] || (columns[k] == columns[k - 1] && rows[k] <= rows[k - 1])))
                {
                    throw new InvalidDataException($"compute entry {k} = ({rows[k]}, {columns[k]}) is out of order or repeated: entries are sorted by column, then row, with no (row, col) twice");
                }
                offsets[columns[k] + 1]++;
            }
            for (var column = 0; column < inputCode.FeatureCount; column++)
            {
                offsets[column + 1] += offsets[column];
            }
            compute = Guard(() => new ComputeMatrix(exported.OutputNeuronCount, offsets, rows, exported.Weights!));
        }
        var parts = new NetworkParts
        {
            InputEncoding = encoding,
            InputCode = inputCode,
            Compute = compute,
            Biases = exported.Biases is { } biases ? [.. biases] : [],
            OutputCode = outputCode,
            Decoder = exported.Decoder,
            Layout = [],
        };
        var seed = ulong.TryParse(file.Metadata.GetValueOrDefault("construction_seed"), out var value) ? new Seed(value) : new Seed(0);
        return Guard(() => Network.Create(Metadata(file, "construction"), parameters, problem, seed, parts));
    }

    /// <summary>
    /// Whether a code is the identity (feature f is neuron f alone): the file does not say, and an
    /// explicit code costs no code bits (docs/mathematics.md §5), so the counts need to know.
    /// </summary>
    internal static bool IsIdentity(int neuronCount, IReadOnlyList<int> supports) =>
        supports.Count == neuronCount && Enumerable.Range(0, supports.Count).All(k => supports[k] == k);

    private static T Guard<T>(Func<T> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException error)
        {
            throw new InvalidDataException($"the file's parts do not fit together: {error.Message}", error);
        }
    }
}
