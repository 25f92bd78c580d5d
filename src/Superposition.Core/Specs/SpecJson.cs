using System.Globalization;
using System.Text;
using System.Text.Json;
using Superposition.Validation;

namespace Superposition.Specs;

/// <summary>
/// Total (never-throwing) readers over <see cref="JsonElement"/> that report what is wrong as a
/// <see cref="SpecError"/> with its path, so the parser can collect every problem in one pass.
/// System.Text.Json throws on strings with unpaired surrogates, on out-of-range conversions and on
/// malformed text; everything that can throw is caught here and nowhere else.
/// </summary>
internal static class SpecJson
{
    /// <summary>Comments and trailing commas are accepted: specs are written by hand.</summary>
    public static JsonDocumentOptions Options { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>Parses <paramref name="text"/>, or returns one error naming the line and column of the first syntax problem.</summary>
    public static (JsonDocument? Document, SpecError? Error) Parse(string text)
    {
        try
        {
            return (JsonDocument.Parse(text, Options), null);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = Column(text, (int)(e.LineNumber ?? 0), e.BytePositionInLine ?? 0);
            return (null, new SpecError("$", $"malformed JSON at line {line}, column {column}: {WithoutPosition(e.Message)}"));
        }
        catch (ArgumentException e)
        {
            return (null, new SpecError("$", $"the spec is not valid text: {e.Message}"));
        }
    }

    /// <summary>path.name, or path["name"] when the name would make the path ambiguous.</summary>
    public static string Member(string parent, string name)
    {
        var plain = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
        var member = plain ? name : $"[{JsonSerializer.Serialize(name)}]";
        return parent.Length == 0 ? member : plain ? $"{parent}.{member}" : parent + member;
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>A short description of a value for "expected X, got Y" messages.</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => TryString(element, out var text) ? $"the string {Quote(text)}" : "a string",
        JsonValueKind.Number => $"the number {Shorten(element.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>The string value, or false when the element is not a string or holds an unpaired surrogate.</summary>
    public static bool TryString(JsonElement element, out string text)
    {
        text = "";
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        try
        {
            text = element.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// The members of an object in document order, each with its path. Members whose name cannot be
    /// read and repeated names are reported and skipped.
    /// </summary>
    public static List<(string Name, JsonElement Value, string Path)> Members(JsonElement element, string path, List<SpecError> errors)
    {
        var members = new List<(string, JsonElement, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                errors.Add(new SpecError(path.Length == 0 ? "$" : path, "a field name is not valid text (unpaired surrogate escape)"));
                continue;
            }
            var at = Member(path, name);
            if (!seen.Add(name))
            {
                errors.Add(new SpecError(at, $"duplicate field '{name}'; each field may appear once"));
                continue;
            }
            members.Add((name, property.Value, at));
        }
        return members;
    }

    /// <summary>True for an object; otherwise reports "expected an object".</summary>
    public static bool RequireObject(JsonElement element, string path, List<SpecError> errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }
        errors.Add(new SpecError(path, $"expected an object, got {Describe(element)}"));
        return false;
    }

    /// <summary>A finite number, or an error.</summary>
    public static double? Number(JsonElement element, string path, List<SpecError> errors)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            errors.Add(new SpecError(path, $"expected a number, got {Describe(element)}"));
            return null;
        }
        if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            errors.Add(new SpecError(path, $"the number {Shorten(element.GetRawText())} is out of range"));
            return null;
        }
        return value == 0 ? 0.0 : value; // no negative zero: it would print and hash differently from 0
    }

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>], or an error.</summary>
    public static long? Integer(JsonElement element, string path, long minimum, long maximum, List<SpecError> errors)
    {
        if (Number(element, path, errors) is not { } value)
        {
            return null;
        }
        if (value != Math.Floor(value))
        {
            errors.Add(new SpecError(path, $"must be a whole number, got {Format(value)}"));
            return null;
        }
        if (value < minimum)
        {
            errors.Add(new SpecError(path, $"must be at least {minimum}, got {Format(value)}"));
            return null;
        }
        if (value > maximum)
        {
            errors.Add(new SpecError(path, $"must be at most {maximum}, got {Format(value)}"));
            return null;
        }
        return (long)value;
    }

    /// <summary>A string, or an error.</summary>
    public static string? String(JsonElement element, string path, List<SpecError> errors)
    {
        if (TryString(element, out var text))
        {
            return text;
        }
        errors.Add(new SpecError(path, element.ValueKind == JsonValueKind.String
            ? "the string is not valid text (unpaired surrogate escape)"
            : $"expected a string, got {Describe(element)}"));
        return null;
    }

    /// <summary>Numbers the way messages and case descriptions show them: shortest round-trip, invariant culture.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A case-field value as shown to users: strings as they are, numbers as <see cref="Format(double)"/> shows them.</summary>
    public static string Format(object value) => value switch
    {
        double number => Format(number),
        string text => text,
        _ => value.ToString() ?? "",
    };

    public static string Quote(string text) => $"'{Shorten(text)}'";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    /// <summary>1-based character column of a 0-based byte offset in a 0-based line (the reader counts UTF-8 bytes).</summary>
    private static long Column(string text, int line, long bytePosition)
    {
        var lines = text.Split('\n');
        if (line >= lines.Length)
        {
            return bytePosition + 1;
        }
        var bytes = Encoding.UTF8.GetBytes(lines[line]);
        var prefix = (int)Math.Min(bytePosition, bytes.Length);
        return Encoding.UTF8.GetCharCount(bytes, 0, prefix) + 1;
    }

    /// <summary>System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …"; the error reports those itself.</summary>
    private static string WithoutPosition(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }
        return message.TrimEnd();
    }
}
