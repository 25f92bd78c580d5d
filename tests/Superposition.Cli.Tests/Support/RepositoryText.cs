using System.Text.RegularExpressions;

namespace Superposition.Cli.Tests.Support;

/// <summary>
/// Reads the repository's own text (code, tests, docs, specs) and finds in it references that would
/// leave the repository: names of design notes kept elsewhere, issue numbers, and citations of
/// docs/mathematics.md sections that the page does not define.
/// </summary>
/// <remarks>
/// The patterns are regular expressions, and a pattern's source text never matches itself (the
/// escapes stand between the words it looks for), so this file and its tests can be scanned with
/// everything else and are not excluded. Samples that must match are built from pieces in the tests.
/// </remarks>
internal static partial class RepositoryText
{
    /// <summary>Folders scanned, relative to the repository root.</summary>
    public static IReadOnlyList<string> ScannedFolders { get; } = ["src", "tests", "docs", "bench", "pipelines"];

    /// <summary>Files at the root that are scanned too.</summary>
    public static IReadOnlyList<string> ScannedRootFiles { get; } = ["README.md", "CHANGELOG.md"];

    /// <summary>Build and tool output: not sources, and not tracked.</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "TestResults", "BenchmarkDotNet.Artifacts" };

    /// <summary>A place in the repository: path relative to the root ('/' separators), 1-based line, the matched text.</summary>
    public sealed record Finding(string File, int Line, string Text)
    {
        public override string ToString() => $"{File}:{Line}: {Text}";
    }

    /// <summary>A cited section or invariant: where it is cited and the anchor of docs/mathematics.md it needs.</summary>
    public sealed record Citation(string File, int Line, string Text, string Anchor)
    {
        public override string ToString() => $"{File}:{Line}: '{Text}' needs anchor '{Anchor}'";
    }

    /// <summary>Every text file scanned, as (path relative to the root, contents), in ordinal path order.</summary>
    public static IReadOnlyList<(string Path, string Text)> Files(string root)
    {
        var paths = ScannedFolders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(Walk)
            .Concat(ScannedRootFiles.Select(file => Path.Combine(root, file)).Where(File.Exists));
        return [.. paths
            .Select(path => (Path: Path.GetRelativePath(root, path).Replace('\\', '/'), Text: File.ReadAllText(path)))
            .Where(file => !file.Text.Contains('\0', StringComparison.Ordinal))
            .OrderBy(file => file.Path, StringComparer.Ordinal)];
    }

    /// <summary>Names of documents outside the repository and issue numbers (the word issue or a hash sign before a number) in <paramref name="text"/>.</summary>
    public static IEnumerable<Finding> OutsideReferences(string file, string text) =>
        OutsideReference().Matches(text).Select(match => new Finding(file, LineOf(text, match.Index), match.Value));

    /// <summary>
    /// Every section and invariant of docs/mathematics.md that <paramref name="text"/> cites, with the anchor
    /// it needs: a section ("§4.4"), several ("§1, §5 and §6"), a range, which cites every section in it,
    /// an invariant after the sections (", invariant 2") or before the page's name, citations wrapped onto
    /// the next comment line, and links to the page's anchors (in-page links too, inside the page itself).
    /// </summary>
    public static IEnumerable<Citation> Citations(string file, string text, bool isMathematicsPage = false)
    {
        foreach (Match match in SectionCitation().Matches(text))
        {
            var line = LineOf(text, match.Index);
            foreach (Capture reference in match.Groups["ref"].Captures)
            {
                foreach (var section in Sections(reference.Value))
                {
                    yield return new Citation(file, line, OneLine(match.Value), SectionAnchor(section));
                }
            }
            if (match.Groups["invariant"].Success)
            {
                yield return new Citation(file, line, OneLine(match.Value), InvariantAnchor(match.Groups["invariant"].Value));
            }
        }
        foreach (Match match in InvariantBeforeCitation().Matches(text))
        {
            yield return new Citation(file, LineOf(text, match.Index), OneLine(match.Value), InvariantAnchor(match.Groups["invariant"].Value));
        }
        var links = isMathematicsPage ? InPageLink().Matches(text).Concat(PageLink().Matches(text)) : PageLink().Matches(text);
        foreach (var match in links)
        {
            yield return new Citation(file, LineOf(text, match.Index), match.Value, match.Groups["anchor"].Value);
        }
    }

    /// <summary>The explicit anchors (&lt;a id="…"&gt;&lt;/a&gt;) of a page, each with the next non-empty line after it.</summary>
    public static IReadOnlyList<(string Anchor, string NextLine)> Anchors(string page)
    {
        var lines = page.Split('\n');
        var anchors = new List<(string, string)>();
        for (var k = 0; k < lines.Length; k++)
        {
            if (AnchorTag().Match(lines[k]) is { Success: true } match)
            {
                var next = lines.Skip(k + 1).FirstOrDefault(line => line.Trim().Length > 0) ?? "";
                anchors.Add((match.Groups["anchor"].Value, next.Trim()));
            }
        }
        return anchors;
    }

    /// <summary>"4.4" → "sec-4-4".</summary>
    public static string SectionAnchor(string section) => "sec-" + section.Replace('.', '-');

    /// <summary>"3" → "invariant-3".</summary>
    public static string InvariantAnchor(string number) => "invariant-" + number;

    /// <summary>The sections a reference names: "§4.4" → 4.4; "§4.1–4.3" → 4.1, 4.2, 4.3; "§4–6" → 4, 5, 6.</summary>
    private static IEnumerable<string> Sections(string reference)
    {
        var parts = reference.TrimStart('§').Split('–', '-');
        if (parts.Length == 1)
        {
            return [parts[0]];
        }
        var (from, to) = (parts[0].Split('.'), parts[1].Split('.'));
        if (from.Length == 2 && to.Length == 2 && from[0] == to[0])
        {
            return Enumerable.Range(int.Parse(from[1]), int.Parse(to[1]) - int.Parse(from[1]) + 1).Select(minor => $"{from[0]}.{minor}");
        }
        if (from.Length == 1 && to.Length == 1)
        {
            return Enumerable.Range(int.Parse(from[0]), int.Parse(to[0]) - int.Parse(from[0]) + 1).Select(major => $"{major}");
        }
        return [parts[0], parts[1]];
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    /// <summary>A citation wrapped over comment lines, on one line for the failure message.</summary>
    private static string OneLine(string text) => Whitespace().Replace(text, " ");

    private static IEnumerable<string> Walk(string folder) =>
        Directory.EnumerateFiles(folder).Concat(
            Directory.EnumerateDirectories(folder).Where(sub => !SkippedFolders.Contains(Path.GetFileName(sub))).SelectMany(Walk));

    /// <summary>Design notes that live outside the repository; the word issue(s) before a number; a hash sign before a number (not an HTML entity, not inside a word or a path).</summary>
    [GeneratedRegex(@"\b(?:constructions|architecture|code-review)\.md\b|\bissues?\s+#?\d+|(?<![\w&#/])#\d+\b", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideReference();

    /// <summary>
    /// "docs/mathematics.md", an optional closing backtick, then one or more "§N" or "§N.M" (ranges with an
    /// en dash or hyphen) joined by commas or "and", then optionally ", invariant K". Gaps may span a line
    /// break and a comment marker, because doc comments wrap.
    /// </summary>
    [GeneratedRegex(@"mathematics\.md`?(?:(?:\s|/{2,3}|\*)*(?:,|and|&)?(?:\s|/{2,3}|\*)*(?<ref>§\d+(?:\.\d+)?(?:[–-]\d+(?:\.\d+)?)?))+(?:(?:\s|/{2,3})*,(?:\s|/{2,3})*invariants?(?:\s|/{2,3})+(?<invariant>\d+))?")]
    private static partial Regex SectionCitation();

    /// <summary>An invariant named before the page it belongs to: invariant, its number, an opening parenthesis, the page.</summary>
    [GeneratedRegex(@"\binvariant(?:\s|/{2,3})+(?<invariant>\d+)(?:\s|/{2,3})*\((?:\s|/{2,3})*`?(?:docs/)?mathematics\.md", RegexOptions.IgnoreCase)]
    private static partial Regex InvariantBeforeCitation();

    [GeneratedRegex(@"mathematics\.md#(?<anchor>[\w-]+)")]
    private static partial Regex PageLink();

    [GeneratedRegex(@"\]\(#(?<anchor>[\w-]+)\)")]
    private static partial Regex InPageLink();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<a id=""(?<anchor>[\w-]+)""></a>")]
    private static partial Regex AnchorTag();
}
