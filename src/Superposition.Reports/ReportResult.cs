using System.Collections.Immutable;

namespace Superposition.Reports;

/// <summary>
/// What <see cref="ReportBuilder"/> produced: the files it wrote (PNGs, then summary.md), the summary
/// text (so the command line can print it without reading the file back), and every figure's outcome.
/// </summary>
/// <param name="Files">Full paths of the files written, in the order written; summary.md last.</param>
/// <param name="Summary">The markdown text of summary.md.</param>
/// <param name="Figures">Each figure the report knows, written or skipped with its reason.</param>
public sealed record ReportResult(ImmutableArray<string> Files, string Summary, ImmutableArray<FigureOutcome> Figures);
