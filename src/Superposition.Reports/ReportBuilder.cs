using System.Collections.Immutable;
using System.Text;
using Superposition.Datasets;
using Superposition.Reports.Analysis;
using Superposition.Reports.Figures;
using Superposition.Rows;

namespace Superposition.Reports;

/// <summary>
/// Turns a dataset into figures and a markdown summary that test the paper's claims (Adler &amp; Shavit,
/// arXiv 2409.15318; docs/mathematics.md §1, §5 and §6): size against m' beside the bounds, fitted
/// exponents, superposed-and's error transition in c_n, its crossover with the dedicated baseline, and
/// the gap between representing and computing. Each figure is drawn only when the dataset holds its
/// data; summary.md says which were written and why the others were not. Only rows with status "ok"
/// are used. This is the library behind the <c>report</c> verb.
/// </summary>
public static class ReportBuilder
{
    /// <summary>The summary's file name inside the output directory.</summary>
    public const string SummaryFile = "summary.md";

    /// <summary>
    /// Writes the report for <paramref name="rows"/> into <paramref name="outputDirectory"/> (created if
    /// missing). Figures this report skips are deleted from the directory if an earlier report left them,
    /// so every PNG beside summary.md belongs to it. Files are written under a temporary name and renamed.
    /// </summary>
    public static ReportResult Generate(IReadOnlyList<CaseRow> rows, string outputDirectory) => Generate(rows, [], outputDirectory);

    /// <summary>As <see cref="Generate(IReadOnlyList{CaseRow}, string)"/>, with the rows of thresholds.parquet for the threshold figure.</summary>
    public static ReportResult Generate(IReadOnlyList<CaseRow> rows, IReadOnlyList<ThresholdRow> thresholds, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var directory = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(directory);
        var ok = rows.Where(r => r.Status == "ok").ToList();
        var settings = Settings.Of(ok);
        ReportPart[] parts =
        [
            ScalingFigures.Build(settings, directory),
            TransitionFigure.Build(settings, directory),
            CrossoverFigure.Build(settings, directory),
            GapFigure.Build(settings, directory),
            ThresholdFigure.Build(thresholds, directory),
            DepthFigure.Build(settings, directory),
            TrainedFigure.Build(ok, directory),
            ErrorAnalysisSection.Build(settings),
        ];
        var figures = parts.SelectMany(p => p.Figures).ToImmutableArray();
        foreach (var skipped in figures.Where(f => !f.Written))
        {
            File.Delete(Path.Combine(directory, skipped.FileName));
        }
        var summary = Summary(rows, ok, settings, parts);
        var summaryPath = Path.Combine(directory, SummaryFile);
        File.WriteAllText(summaryPath + ".tmp", summary, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(summaryPath + ".tmp", summaryPath, overwrite: true);
        return new ReportResult(
            [.. figures.Where(f => f.Written).Select(f => Path.Combine(directory, f.FileName)), summaryPath],
            summary,
            figures);
    }

    /// <summary>
    /// Reads every <c>cases*.parquet</c> of <paramref name="datasetDirectory"/> (all shards of a sweep) with
    /// <see cref="DatasetReader"/> and writes the report into <paramref name="outputDirectory"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The directory holds no cases*.parquet file.</exception>
    public static Task<ReportResult> FromDatasetAsync(string datasetDirectory, string outputDirectory, CancellationToken cancellationToken = default) =>
        FromDatasetsAsync([datasetDirectory], outputDirectory, cancellationToken);

    /// <summary>
    /// One report over the rows of several datasets together, for comparisons that span sweeps (trained
    /// against constructed networks come from sweeps of their own, since each construction takes its own
    /// parameters).
    /// </summary>
    /// <exception cref="FileNotFoundException">A directory holds no cases*.parquet file.</exception>
    public static async Task<ReportResult> FromDatasetsAsync(IReadOnlyList<string> datasetDirectories, string outputDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(datasetDirectories);
        var rows = new List<CaseRow>();
        var thresholds = new List<ThresholdRow>();
        foreach (var datasetDirectory in datasetDirectories)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(datasetDirectory);
            if (!Directory.Exists(datasetDirectory))
            {
                throw new DirectoryNotFoundException($"no dataset directory '{datasetDirectory}'");
            }
            var files = CaseFiles(datasetDirectory);
            if (files.Length == 0)
            {
                throw new FileNotFoundException($"'{datasetDirectory}' holds no cases*.parquet file; is it a dataset directory (data/<sweep>)?");
            }
            foreach (var file in files)
            {
                rows.AddRange(await DatasetReader.ReadCasesAsync(file, cancellationToken));
            }
            foreach (var file in Directory.EnumerateFiles(datasetDirectory, DatasetSchema.ParquetFileName(DatasetSchema.ThresholdsTable)))
            {
                thresholds.AddRange(await DatasetReader.ReadThresholdsAsync(file, cancellationToken));
            }
        }
        return Generate(rows, thresholds, outputDirectory);
    }

    /// <summary>The case files of a dataset directory, sorted: cases.parquet and every shard's cases-{part}.parquet, never *.tmp.</summary>
    public static ImmutableArray<string> CaseFiles(string datasetDirectory) =>
    [
        .. Directory.EnumerateFiles(datasetDirectory, "cases*.parquet")
            .Where(f => Path.GetFileName(f) is var name && name.StartsWith(DatasetSchema.CasesTable, StringComparison.Ordinal) && name.EndsWith(".parquet", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];

    private static string Summary(IReadOnlyList<CaseRow> rows, List<CaseRow> ok, ImmutableArray<Setting> settings, ReportPart[] parts)
    {
        var builder = new StringBuilder();
        var sweeps = rows.Select(r => r.Sweep).Distinct().Order(StringComparer.Ordinal).ToList();
        builder.AppendLine($"# Report: {(sweeps.Count == 0 ? "(no rows)" : string.Join(", ", sweeps))}").AppendLine();
        builder.AppendLine($"{rows.Count} rows: {ok.Count} ok, {rows.Count - ok.Count} not ok (left out).");
        if (ok.Count > 0)
        {
            var counts = ok.Select(r => r.OutputCount).Distinct().Order().ToList();
            builder.AppendLine($"Series: {string.Join("; ", settings.Select(s => s.Label))}.");
            builder.AppendLine($"m' from {Text.Count(counts[0])} to {Text.Count(counts[^1])} ({counts.Count} values); sparsity {string.Join(", ", ok.Select(r => r.Sparsity).Distinct().Order())}; input distributions {string.Join(", ", ok.Select(r => r.InputDistribution).Distinct().Order(StringComparer.Ordinal))}.");
        }
        foreach (var failure in rows.Where(r => r.Status != "ok").GroupBy(r => r.Error ?? "(no message)").Take(5))
        {
            builder.AppendLine($"- {failure.Count()} row(s) {failure.First().Status}: {failure.Key}");
        }
        builder.AppendLine().AppendLine("## Figures").AppendLine();
        foreach (var figure in parts.SelectMany(p => p.Figures))
        {
            builder.AppendLine(figure.Written
                ? $"- written: `{figure.FileName}`: {figure.Description}"
                : $"- skipped: `{figure.FileName}`: {figure.SkipReason}");
        }
        foreach (var section in parts.Select(p => p.Section).Where(s => s.Length > 0))
        {
            builder.AppendLine().Append(section);
        }
        return builder.ToString();
    }
}
