using System.Collections.Immutable;

namespace Superposition.Reports.Figures;

/// <summary>One topic of the report: its figures and its section of summary.md (markdown, may be empty).</summary>
internal sealed record ReportPart(ImmutableArray<FigureOutcome> Figures, string Section);
