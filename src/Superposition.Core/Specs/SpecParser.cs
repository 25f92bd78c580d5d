using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Superposition.Sweeps;
using Superposition.Thresholds;
using Superposition.Validation;

namespace Superposition.Specs;

/// <summary>
/// Reads a sweep spec (docs/spec-format.md) and reports every problem at once, each with a JSON path
/// and, for a misspelt name, the nearest valid one: a researcher fixing a spec for a long sweep should
/// need one round trip, not one per mistake. Structural problems (types, unknown fields, axes) are
/// found first; then every case of the expansion is checked with the same validation the builder and
/// the samplers run, so a spec that parses never fails a case on validation grounds. Never throws.
/// </summary>
public static partial class SpecParser
{
    /// <summary>At most this many replicates per case.</summary>
    public const int MaxReplicates = 10_000;

    /// <summary>Sweep names are at most this long (they name a directory).</summary>
    public const int MaxNameLength = 100;

    /// <summary>Parses and validates <paramref name="text"/>.</summary>
    public static SpecParseResult Parse(string text)
    {
        try
        {
            return ParseChecked(text ?? "");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in the checks must not turn an invalid spec into a crash of the command line.
            return new SpecParseResult.Invalid([new SpecError("$", $"internal error while checking the spec ({e.GetType().Name}: {e.Message}); please report it")]);
        }
    }

    /// <summary>Hex SHA-256 of the spec text: the dataset's spec_hash.</summary>
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static SpecParseResult ParseChecked(string text)
    {
        var (document, syntaxError) = SpecJson.Parse(text);
        if (document is null)
        {
            return new SpecParseResult.Invalid([syntaxError!]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new SpecParseResult.Invalid([new SpecError("$", $"a sweep spec is a JSON object, got {SpecJson.Describe(root)}")]);
            }
            var errors = new List<SpecError>();
            var reader = new Reader(errors);
            reader.ReadRoot(root);
            var spec = reader.ToSpec(text);
            if (reader.CasesAreWellDefined)
            {
                errors.AddRange(SweepChecks.Check(spec));
                if (reader.Threshold is { } threshold && errors.Count == 0)
                {
                    spec = ThresholdChecks.Resolve(spec, threshold, errors) ?? spec;
                }
            }
            return errors.Count == 0 ? new SpecParseResult.Parsed(spec) : new SpecParseResult.Invalid([.. errors]);
        }
    }

    // \z, not $: "$" also matches before a final newline, and "ab\n" would name a directory with a newline.
    [GeneratedRegex("\\A[a-z0-9][a-z0-9._-]*\\z")]
    private static partial Regex NamePattern();

    /// <summary>The mutable state of one parse; lives for one call of <see cref="ParseChecked"/>.</summary>
    private sealed class Reader(List<SpecError> errors)
    {
        private readonly SortedDictionary<string, object> _base = new(StringComparer.Ordinal);
        private ImmutableArray<SweepAxis> _axes = [];
        private bool _axesAreValid = true;
        private bool _axesAreEmpty;
        private HashSet<string> _axisFields = [];
        private string? _name;
        private string _description = "";
        private ulong? _seed;
        private int _replicates = SpecFields.DefaultReplicates;
        private int _samples = SpecFields.DefaultSamples;
        private int _batchSize = SpecFields.DefaultBatchSize;
        private bool _exhaustive;
        private long _maxInputs = SpecFields.DefaultMaxInputs;
        private bool _adversarial;
        private int _searchBudget = SpecFields.DefaultSearchBudget;

        /// <summary>The threshold section as read, or null when the spec has none or it was malformed (reported).</summary>
        public ThresholdDraft? Threshold { get; private set; }

        /// <summary>True when the axes are well formed, so the cases are defined and can be checked one by one.</summary>
        public bool CasesAreWellDefined => _axesAreValid;

        public void ReadRoot(JsonElement root)
        {
            foreach (var (name, value, path) in SpecJson.Members(root, "", errors))
            {
                switch (name)
                {
                    case "name":
                        _name = ReadName(value, path);
                        break;
                    case "description":
                        _description = SpecJson.String(value, path, errors) ?? "";
                        break;
                    case "seed":
                        _seed = ReadSeed(value, path);
                        break;
                    case "replicates":
                        _replicates = (int)(SpecJson.Integer(value, path, 1, MaxReplicates, errors) ?? SpecFields.DefaultReplicates);
                        break;
                    case "problem":
                        ReadGroup(value, path, SpecFields.Problem, SpecFields.ProblemPrefix);
                        break;
                    case "params":
                        ReadGroup(value, path, null, SpecFields.ParamsPrefix);
                        break;
                    case SpecFields.Construction or SpecFields.InputDistribution:
                        _base[name] = CaseFieldValues.Read(name, value, path, errors);
                        break;
                    case "axes" when value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0:
                        _axesAreEmpty = true; // one case, fine when the base sets every required field
                        break;
                    case "axes":
                        (_axes, _axesAreValid, _axisFields) = AxisReader.Read(value, path, errors);
                        break;
                    case "evaluation":
                        ReadEvaluation(value, path);
                        break;
                    case "threshold":
                        Threshold = ThresholdDraft.Read(value, path, errors);
                        break;
                    default:
                        errors.Add(new SpecError(path, $"unknown field '{name}'; {NearestName.Hint(name, SpecFields.TopLevel)}"));
                        break;
                }
            }
            if (_name is null && !errors.Any(e => e.Path == "name"))
            {
                errors.Add(new SpecError("name", "required: the sweep's name, [a-z0-9._-]+ (it names the output directory)"));
            }
            if (_seed is null && !errors.Any(e => e.Path == "seed"))
            {
                errors.Add(new SpecError("seed", "required: the root seed, a whole number between 0 and 2^64 - 1"));
            }
            var missing = SpecFields.Required.Where(f => !_base.ContainsKey(f) && !_axisFields.Contains(f)).ToList();
            if (_axesAreEmpty && missing.Count > 0)
            {
                // Usually what is left of a sweep whose axes were deleted: one error where the change was made.
                errors.Add(new SpecError("axes", $"an empty list, so {string.Join(", ", missing)} {(missing.Count == 1 ? "has" : "have")} no value: give an axis that varies {(missing.Count == 1 ? "it" : "them")}, or set {(missing.Count == 1 ? "it" : "them")} in the base"));
                return;
            }
            foreach (var field in missing)
            {
                var where = field.StartsWith(SpecFields.ProblemPrefix, StringComparison.Ordinal) ? "in 'problem'" : "at the top level";
                errors.Add(new SpecError(field, $"required: set it {where} or vary it on an axis"));
            }
        }

        public SweepSpec ToSpec(string text) => new(
            _name ?? "",
            _description,
            text,
            HashOf(text),
            _seed ?? 0,
            _replicates,
            _base.ToImmutableSortedDictionary(StringComparer.Ordinal),
            _axes,
            new EvaluationSettings(_samples, _batchSize, _exhaustive, _maxInputs, _adversarial ? _searchBudget : 0));

        private string? ReadName(JsonElement value, string path)
        {
            if (SpecJson.String(value, path, errors) is not { } name)
            {
                return null;
            }
            if (name.Length > MaxNameLength || !NamePattern().IsMatch(name))
            {
                errors.Add(new SpecError(path, $"must be 1 to {MaxNameLength} characters of [a-z0-9._-], starting with a letter or digit (it names the output directory), got {SpecJson.Quote(name)}"));
                return null;
            }
            return name;
        }

        private ulong? ReadSeed(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var seed))
            {
                return seed;
            }
            errors.Add(new SpecError(path, $"must be a whole number between 0 and {ulong.MaxValue}, got {SpecJson.Describe(value)}"));
            return null;
        }

        /// <summary>"problem" (known fields) or "params" (any name; checked per construction later) into base values.</summary>
        private void ReadGroup(JsonElement value, string path, IReadOnlyCollection<string>? known, string prefix)
        {
            if (!SpecJson.RequireObject(value, path, errors))
            {
                return;
            }
            foreach (var (name, element, at) in SpecJson.Members(value, path, errors))
            {
                if (known is not null && !known.Contains(name))
                {
                    errors.Add(new SpecError(at, $"unknown field '{name}'; {NearestName.Hint(name, known)}"));
                    continue;
                }
                _base[prefix + name] = CaseFieldValues.Read(prefix + name, element, at, errors);
            }
        }

        private void ReadEvaluation(JsonElement value, string path)
        {
            if (!SpecJson.RequireObject(value, path, errors))
            {
                return;
            }
            string? samplesAt = null, maxInputsAt = null, budgetAt = null;
            foreach (var (name, element, at) in SpecJson.Members(value, path, errors))
            {
                switch (name)
                {
                    case "samples":
                        samplesAt = at;
                        _samples = (int)(SpecJson.Integer(element, at, 1, int.MaxValue, errors) ?? SpecFields.DefaultSamples);
                        break;
                    case "inputs":
                        if (SpecJson.String(element, at, errors) is { } mode)
                        {
                            if (SpecFields.InputModes.Contains(mode))
                            {
                                _exhaustive = mode == "all";
                                _adversarial = mode == "adversarial";
                            }
                            else
                            {
                                errors.Add(new SpecError(at, $"unknown input mode '{mode}'; {NearestName.Hint(mode, SpecFields.InputModes)}"));
                            }
                        }
                        break;
                    case "budget":
                        budgetAt = at;
                        _searchBudget = (int)(SpecJson.Integer(element, at, 1, 10_000_000, errors) ?? SpecFields.DefaultSearchBudget);
                        break;
                    case "max_inputs":
                        maxInputsAt = at;
                        _maxInputs = SpecJson.Integer(element, at, 1, int.MaxValue, errors) ?? SpecFields.DefaultMaxInputs;
                        break;
                    case "batch_size":
                        _batchSize = (int)(SpecJson.Integer(element, at, 1, int.MaxValue, errors) ?? SpecFields.DefaultBatchSize);
                        break;
                    default:
                        errors.Add(new SpecError(at, $"unknown field '{name}'; {NearestName.Hint(name, SpecFields.Evaluation)}"));
                        break;
                }
            }
            // Either field on the wrong mode would be silently unused; say so instead.
            if (_exhaustive && samplesAt is not null)
            {
                errors.Add(new SpecError(samplesAt, "not allowed with \"inputs\": \"all\", which evaluates every input of each case (C(m, s) of them, or all up to s); remove it"));
            }
            if (!_adversarial && budgetAt is not null)
            {
                errors.Add(new SpecError(budgetAt, "applies only with \"inputs\": \"adversarial\" (evaluations per search); remove it or set inputs"));
            }
            if (!_exhaustive && maxInputsAt is not null)
            {
                errors.Add(new SpecError(maxInputsAt, "applies only with \"inputs\": \"all\" (the budget of an exhaustive evaluation); remove it or set inputs"));
            }
        }
    }
}
