using System.Text.RegularExpressions;
using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// The repository explains itself: no code, test or document sends the reader to a document outside
/// it or to an issue tracker, and every citation of docs/mathematics.md names a section or invariant
/// that the page defines, so a renumbered page cannot leave a comment pointing nowhere.
/// </summary>
public partial class SelfContainedRepositoryTests
{
    private const string MathematicsPage = "docs/mathematics.md";

    private static readonly IReadOnlyList<(string Path, string Text)> Files = RepositoryText.Files(RepositoryFiles.Root);

    [Fact]
    public void Scan_reads_the_sources_tests_and_documents()
    {
        var paths = Files.Select(file => file.Path).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("README.md", paths);
        Assert.Contains(MathematicsPage, paths);
        Assert.Contains("tests/Superposition.Cli.Tests/SelfContainedRepositoryTests.cs", paths);
        Assert.True(paths.Count(path => path.StartsWith("src/", StringComparison.Ordinal) && path.EndsWith(".cs", StringComparison.Ordinal)) > 50, $"only {paths.Count} files found under {RepositoryFiles.Root}");
        Assert.DoesNotContain(paths, path => path.Contains("/bin/", StringComparison.Ordinal) || path.Contains("/obj/", StringComparison.Ordinal));
    }

    [Fact]
    public void Repository_names_no_outside_document_and_no_issue_number()
    {
        var findings = Files.SelectMany(file => RepositoryText.OutsideReferences(file.Path, file.Text)).ToList();

        Assert.True(findings.Count == 0, "references to documents outside the repository or to issue numbers:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void Every_citation_of_the_mathematics_page_resolves_to_one_of_its_anchors()
    {
        var anchors = MathematicsAnchors();
        var citations = Files.SelectMany(file => RepositoryText.Citations(file.Path, file.Text, file.Path == MathematicsPage)).ToList();

        // The code cites the page in dozens of places; finding only a handful means the scan broke.
        Assert.True(citations.Count >= 30, $"only {citations.Count} citations found:\n{string.Join('\n', citations)}");
        var dangling = citations.Where(citation => !anchors.Contains(citation.Anchor)).ToList();
        Assert.True(dangling.Count == 0, $"citations without an anchor in {MathematicsPage}:\n" + string.Join('\n', dangling));
    }

    [Fact]
    public void Mathematics_anchors_stand_before_the_section_or_invariant_they_name()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryFiles.Root, MathematicsPage));
        var anchors = RepositoryText.Anchors(page);

        foreach (var (anchor, next) in anchors)
        {
            var expected = SectionAnchor().Match(anchor) is { Success: true } section
                ? (section.Groups["minor"].Success ? $"### {section.Groups["major"].Value}.{section.Groups["minor"].Value} " : $"## {section.Groups["major"].Value}. ")
                : InvariantAnchor().Match(anchor) is { Success: true } invariant
                    ? $"{invariant.Groups["number"].Value}. "
                    : null;
            Assert.True(expected is not null, $"anchor '{anchor}' is neither sec-N, sec-N-M nor invariant-K");
            Assert.True(next.StartsWith(expected!, StringComparison.Ordinal), $"anchor '{anchor}' is followed by '{next}', expected a line starting '{expected}'");
        }
        var names = anchors.Select(a => a.Anchor).ToHashSet(StringComparer.Ordinal);
        foreach (Match heading in NumberedHeading().Matches(page))
        {
            Assert.Contains(RepositoryText.SectionAnchor(heading.Groups["number"].Value), names);
        }
        // The numbering that code comments rely on: §1–§7, §4.1–§4.6, invariants 1–9.
        string[] cited =
        [
            .. Enumerable.Range(1, 7).Select(major => RepositoryText.SectionAnchor($"{major}")),
            .. Enumerable.Range(1, 6).Select(minor => RepositoryText.SectionAnchor($"4.{minor}")),
            .. Enumerable.Range(1, 9).Select(number => RepositoryText.InvariantAnchor($"{number}")),
        ];
        Assert.All(cited, anchor => Assert.Contains(anchor, names));
    }

    /// <summary>
    /// The scans find what they are for and nothing else. The samples are assembled from pieces so that
    /// this file, which the scans read too, holds no reference of its own.
    /// </summary>
    [Fact]
    public void Scans_find_planted_references_and_dangling_citations()
    {
        var planted = string.Join('\n',
            "see the " + "constructions" + ".md notes",
            "as agreed in Iss" + "ue 12",
            "fixes #" + "34",
            "colour #1f77b4, entity &#" + "35;, C# code, mathematics.md#sec-4-4, issue tracker");

        Assert.Equal([1, 2, 3], RepositoryText.OutsideReferences("sample", planted).Select(finding => finding.Line));

        var cited = string.Join('\n',
            "/// (docs/mathematics.md",
            "/// §1, §5 and §6)",
            "/// docs/mathematics.md §4.1–4.3, invariant 2",
            "Invariant 9 (docs/mathematics.md §5)",
            "[link](mathematics.md#sec-4-6) and `docs/mathematics.md` §" + "8.2");

        Assert.Equal(
            ["sec-1", "sec-5", "sec-6", "sec-4-1", "sec-4-2", "sec-4-3", "invariant-2", "sec-5", "sec-8-2", "invariant-9", "sec-4-6"],
            RepositoryText.Citations("sample", cited).Select(citation => citation.Anchor));
        Assert.DoesNotContain("sec-8-2", MathematicsAnchors());
    }

    private static HashSet<string> MathematicsAnchors() =>
        RepositoryText.Anchors(File.ReadAllText(Path.Combine(RepositoryFiles.Root, MathematicsPage))).Select(a => a.Anchor).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^sec-(?<major>\d+)(?:-(?<minor>\d+))?$")]
    private static partial Regex SectionAnchor();

    [GeneratedRegex(@"^invariant-(?<number>\d+)$")]
    private static partial Regex InvariantAnchor();

    [GeneratedRegex(@"^#{2,3} (?<number>\d+(?:\.\d+)?)\.? ", RegexOptions.Multiline)]
    private static partial Regex NumberedHeading();
}
