using Superposition.Specs;
using Superposition.Sweeps;
using Superposition.Validation;

namespace Superposition.Cli;

/// <summary>Reads a spec file and validates it; every problem is printed with its path, and nothing is written.</summary>
internal static class SpecLoading
{
    /// <summary>The parsed spec and its cases, or null after printing every problem to stderr.</summary>
    public static (SweepSpec Spec, IReadOnlyList<RunCase> Cases)? Load(string path)
    {
        if (Stream(path) is not var (spec, runs))
        {
            return null;
        }
        try
        {
            return (spec, [.. runs]);
        }
        catch (InvalidSpecException error)
        {
            // The parser checks what the expansion checks; this keeps a gap between them a spec error, not a crash.
            Report(path, error.Errors);
            return null;
        }
    }

    /// <summary>
    /// The parsed spec and its runs as a lazy stream (<see cref="SweepExpansion.Enumerate"/>), or null after
    /// printing every problem. Enumerating may still throw <see cref="InvalidSpecException"/> for two cases
    /// with one id; <see cref="Load"/> reports that, and `plan` does too.
    /// </summary>
    public static (SweepSpec Spec, IEnumerable<RunCase> Runs)? Stream(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Report(path, [new SpecError("", $"cannot read the spec: {error.Message}")]);
            return null;
        }
        // A file construction's path is relative to the spec: the loader must know which spec this is.
        NetworkFileLoading.InstallFor(path);
        switch (SpecParser.Parse(text))
        {
            case SpecParseResult.Parsed { Spec: var spec }:
                try
                {
                    return (spec, SweepExpansion.Enumerate(spec));
                }
                catch (InvalidSpecException error)
                {
                    Report(path, error.Errors);
                    return null;
                }
            case SpecParseResult.Invalid { Errors: var errors }:
                Report(path, errors);
                return null;
            default:
                throw new InvalidOperationException("unknown parse result");
        }
    }

    public static void Report(string path, IReadOnlyCollection<SpecError> errors)
    {
        Console.Error.WriteLine($"{path}: {errors.Count} problem{(errors.Count == 1 ? "" : "s")}; nothing was run or written:");
        foreach (var error in errors)
        {
            Console.Error.WriteLine($"  - {error}");
        }
    }
}
