namespace Superposition.Constructions;

/// <summary>
/// A resolved construction request: the definition, its canonical parameter values (what case ids,
/// seeds and the construction_params column record) and, in <see cref="ConstructionRequest{TOptions}"/>,
/// the typed options the build reads. Made only by <see cref="ConstructionDefinition.Resolve(IReadOnlyDictionary{string, object}, string)"/>.
/// </summary>
public abstract record ConstructionRequest
{
    private protected ConstructionRequest(ConstructionDefinition definition, ConstructionParameters values)
    {
        Definition = definition;
        Values = values;
    }

    public ConstructionDefinition Definition { get; }

    /// <summary>
    /// Every parameter with its effective value, except those marked
    /// <see cref="ParameterDefinition.OmittedAtDefault"/> that hold their default.
    /// </summary>
    public ConstructionParameters Values { get; }

    /// <summary>The typed options, when the construction's options record is <typeparamref name="TOptions"/>.</summary>
    public TOptions OptionsAs<TOptions>() =>
        this is ConstructionRequest<TOptions> typed ? typed.Options : throw new InvalidOperationException($"'{Definition.Name}' does not take {typeof(TOptions).Name}");

    public override string ToString() => $"{Definition.Name} {Values.ToJson()}";
}

/// <summary>A resolved request with the construction's typed options.</summary>
public sealed record ConstructionRequest<TOptions> : ConstructionRequest
{
    internal ConstructionRequest(ConstructionDefinition definition, ConstructionParameters values, TOptions options)
        : base(definition, values)
    {
        Options = options;
    }

    public TOptions Options { get; }

    public override string ToString() => base.ToString();
}
