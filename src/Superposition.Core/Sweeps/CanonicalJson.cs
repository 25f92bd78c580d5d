using System.Text;
using System.Text.Json;
using Superposition.Constructions;
using Superposition.Problems;

namespace Superposition.Sweeps;

/// <summary>
/// The canonical text of a case, its problem and its sample stream: compact JSON with keys in ordinal
/// order and every value resolved (defaults included). Case ids and seeds hash these texts, so they
/// depend on what a case is, never on where it sits in a sweep (docs/spec-format.md, "Case ids and
/// seeds"). Changing this format changes every case id and seed: treat it as a dataset contract.
/// </summary>
internal static class CanonicalJson
{
    /// <summary>
    /// {"depth":…,"graph":…,"hub_count":…,"hub_fraction":…,"input_count":…,"kind":…,"output_count":…,"power_law_exponent":…,"sparsity":…},
    /// "depth" only when it is not 1, so one-layer problems keep the ids they had before circuits.
    /// </summary>
    public static string Problem(ProblemSpec problem) => Write(writer =>
    {
        writer.WriteStartObject();
        if (problem.Depth != 1)
        {
            writer.WriteNumber("depth", problem.Depth);
        }
        writer.WriteString("graph", problem.Graph);
        writer.WriteNumber("hub_count", problem.HubCount);
        writer.WriteNumber("hub_fraction", Normal(problem.HubFraction));
        writer.WriteNumber("input_count", problem.InputCount);
        writer.WriteString("kind", problem.ProblemName);
        writer.WriteNumber("output_count", problem.OutputCount);
        writer.WriteNumber("power_law_exponent", Normal(problem.PowerLawExponent));
        writer.WriteNumber("sparsity", problem.Sparsity);
        writer.WriteEndObject();
    });

    /// <summary>{"name":value,…} with every parameter, defaults included.</summary>
    public static string Parameters(ConstructionParameters parameters) => Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var (name, value) in Merge(parameters))
        {
            if (value is double number)
            {
                writer.WriteNumber(name, Normal(number));
            }
            else
            {
                writer.WriteString(name, (string)value);
            }
        }
        writer.WriteEndObject();
    });

    /// <summary>
    /// {"construction":…,"params":{…},"problem":{…}}: what fixes a network, without how it is evaluated, so
    /// every input distribution of a case evaluates the same network (and the pipeline builds it once).
    /// </summary>
    public static string Network(string construction, string parametersText, string problemText) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("construction", construction);
        writer.WritePropertyName("params");
        writer.WriteRawValue(parametersText, skipInputValidation: true);
        writer.WritePropertyName("problem");
        writer.WriteRawValue(problemText, skipInputValidation: true);
        writer.WriteEndObject();
    });

    /// <summary>{"construction":…,"input_distribution":…,"params":{…},"problem":{…}}, from the texts of <see cref="Parameters"/> and <see cref="Problem"/>.</summary>
    public static string Case(string construction, string inputDistribution, string parametersText, string problemText) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("construction", construction);
        writer.WriteString("input_distribution", inputDistribution);
        writer.WritePropertyName("params");
        writer.WriteRawValue(parametersText, skipInputValidation: true);
        writer.WritePropertyName("problem");
        writer.WriteRawValue(problemText, skipInputValidation: true);
        writer.WriteEndObject();
    });

    /// <summary>{"input_distribution":…,"problem":{…}}: what fixes the inputs a case is evaluated on.</summary>
    public static string Samples(string inputDistribution, string problemText) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("input_distribution", inputDistribution);
        writer.WritePropertyName("problem");
        writer.WriteRawValue(problemText, skipInputValidation: true);
        writer.WriteEndObject();
    });

    /// <summary>Every parameter, numbers as double and choices as string, in ordinal key order.</summary>
    public static SortedDictionary<string, object> Merge(ConstructionParameters parameters)
    {
        var merged = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters.Numbers)
        {
            merged[name] = value;
        }
        foreach (var (name, value) in parameters.Choices)
        {
            merged[name] = value;
        }
        return merged;
    }

    /// <summary>-0 and 0 are one value.</summary>
    private static double Normal(double value) => value == 0 ? 0.0 : value;

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
