using System.Collections.Immutable;

namespace Superposition.Constructions;

/// <summary>
/// A construction parameter with typed access to the construction's options record: the schema entry
/// (<see cref="Definition"/>) plus a getter and a setter, so build code reads <c>options.NeuronFactor</c>
/// and never looks a value up by name. The default is read from a default-constructed options record,
/// so the record is the one place it is written.
/// </summary>
/// <typeparam name="TOptions">The construction's options record.</typeparam>
public sealed class Parameter<TOptions>
{
    private readonly Func<TOptions, object> _read;
    private readonly Func<TOptions, object, TOptions> _write;

    internal Parameter(ParameterDefinition definition, Func<TOptions, object> read, Func<TOptions, object, TOptions> write)
    {
        Definition = definition;
        _read = read;
        _write = write;
    }

    public ParameterDefinition Definition { get; }

    public string Name => Definition.Name;

    /// <summary>The value in <paramref name="options"/>, as the spec parser's raw value (double or string).</summary>
    public object Read(TOptions options) => _read(options);

    /// <summary><paramref name="options"/> with this parameter set to a value that passed <see cref="ParameterDefinition.Check"/>.</summary>
    public TOptions Write(TOptions options, object value) => _write(options, value);

    /// <summary>The same parameter on an options record that holds <typeparamref name="TOptions"/> as a part (for shared parts such as the input layer).</summary>
    public Parameter<TOuter> Within<TOuter>(Func<TOuter, TOptions> part, Func<TOuter, TOptions, TOuter> withPart) =>
        new(Definition, outer => _read(part(outer)), (outer, value) => withPart(outer, _write(part(outer), value)));
}

/// <summary>Factories of <see cref="Parameter{TOptions}"/>.</summary>
public static class Parameter
{
    /// <summary>A numeric parameter in <paramref name="range"/> (positive unless given), default read from <c>new TOptions()</c>.</summary>
    public static Parameter<TOptions> Number<TOptions>(
        string name, string description, Func<TOptions, double> get, Func<TOptions, double, TOptions> set, NumberRange? range = null, bool omittedAtDefault = false)
        where TOptions : new() =>
        new(
            new ParameterDefinition { Name = name, Description = description, DefaultNumber = get(new TOptions()), Range = range ?? NumberRange.Positive, OmittedAtDefault = omittedAtDefault },
            options => get(options),
            (options, value) => set(options, (double)value));

    /// <summary>A whole-number parameter in <paramref name="range"/> (at least 1 unless given).</summary>
    public static Parameter<TOptions> Integer<TOptions>(
        string name, string description, Func<TOptions, int> get, Func<TOptions, int, TOptions> set, NumberRange? range = null, bool omittedAtDefault = false)
        where TOptions : new() =>
        new(
            new ParameterDefinition { Name = name, Description = description, DefaultNumber = get(new TOptions()), Range = range ?? NumberRange.AtLeast(1), Integer = true, OmittedAtDefault = omittedAtDefault },
            options => (double)get(options),
            (options, value) => set(options, checked((int)(double)value)));

    /// <summary>A free text parameter (recorded as a string, as the file construction's path is), default read from <c>new TOptions()</c>.</summary>
    public static Parameter<TOptions> Text<TOptions>(string name, string description, Func<TOptions, string> get, Func<TOptions, string, TOptions> set, bool omittedAtDefault = false)
        where TOptions : new() =>
        new(
            new ParameterDefinition { Name = name, Description = description, DefaultChoice = get(new TOptions()), IsText = true, OmittedAtDefault = omittedAtDefault },
            options => get(options),
            (options, value) => set(options, (string)value));

    /// <summary>A choice among <paramref name="words"/>, each naming one value of <typeparamref name="TValue"/>.</summary>
    public static Parameter<TOptions> Choice<TOptions, TValue>(
        string name, string description, ImmutableArray<(string Word, TValue Value)> words, Func<TOptions, TValue> get, Func<TOptions, TValue, TOptions> set, bool omittedAtDefault = false)
        where TOptions : new()
        where TValue : notnull
    {
        string WordOf(TValue value) => words.Single(w => EqualityComparer<TValue>.Default.Equals(w.Value, value)).Word;
        return new(
            new ParameterDefinition { Name = name, Description = description, DefaultChoice = WordOf(get(new TOptions())), Choices = [.. words.Select(w => w.Word)], OmittedAtDefault = omittedAtDefault },
            options => WordOf(get(options)),
            (options, value) => set(options, words.Single(w => w.Word == (string)value).Value));
    }
}
