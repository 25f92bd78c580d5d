using System.Globalization;
using System.Text;
using System.Text.Json;
using Superposition.Reports.Plotting;
using Superposition.Rows;

namespace Superposition.Reports.Figures;

/// <summary>
/// Trained against constructed (docs/results.md): the sample error rate of every network on one AND
/// problem against its computing units, one series per kind of network: <c>trained</c>, <c>hybrid</c>
/// per base construction, and each construction. A trained or hybrid network's computing units are the
/// hidden units under its trained read-out; a construction's are the units its decoder reads. Rows of the
/// same network and units (replicates, seeds) are pooled. Drawn when the rows hold a trained or hybrid
/// network; several datasets can be reported together for it (<c>report DIR DIR …</c>).
/// </summary>
internal static class TrainedFigure
{
    public const string FileName = "trained.png";

    private const string Description = "sample error rate against computing units: trained, hybrid and constructed networks on the same problems";

    /// <summary>An AND problem the networks share: the rows compared in one group.</summary>
    public sealed record ProblemKey(string Graph, int InputCount, int OutputCount, int Sparsity, string Distribution)
    {
        public string Label => $"m = {Text.Count(InputCount)}, m' = {Text.Count(OutputCount)} ({Graph}), s = {Sparsity}, {Distribution}";

        /// <summary>The legend's shorter name of the problem.</summary>
        public string Short => $"m = {Text.Count(InputCount)}, m' = {Text.Count(OutputCount)}";
    }

    /// <summary>One network kind at one size: its pooled samples and errors.</summary>
    public sealed record Point(long Units, long Neurons, long Weights, long Samples, long Wrong)
    {
        public double Rate => Samples == 0 ? double.NaN : (double)Wrong / Samples;
    }

    /// <summary>A network kind on one problem, points ascending in units.</summary>
    public sealed record Series(ProblemKey Problem, string Network, IReadOnlyList<Point> Points);

    /// <summary>"trained", "hybrid on &lt;base&gt;", or the construction's name.</summary>
    public static string NetworkOf(CaseRow row) => row.Construction switch
    {
        "hybrid" => $"hybrid on {Parameter(row.ConstructionParams, "base") ?? "?"}",
        var name => name,
    };

    /// <summary>Computing units: hidden units under a trained read-out, else the units the decoder reads.</summary>
    public static long UnitsOf(CaseRow row) => row.Construction is "trained" or "hybrid" ? row.HiddenNeurons : row.OutputNeurons;

    public static IReadOnlyList<Series> SeriesOf(IEnumerable<CaseRow> rows)
    {
        var and = rows.Where(r => r.Status == "ok" && r.Problem == "and" && r.Depth == 1).ToList();
        var trainedProblems = and.Where(r => r.Construction is "trained" or "hybrid").Select(Key).ToHashSet();
        return
        [
            .. and.Where(r => trainedProblems.Contains(Key(r)))
                .GroupBy(r => (Problem: Key(r), Network: NetworkOf(r)))
                .OrderBy(g => g.Key.Problem.InputCount).ThenBy(g => g.Key.Problem.OutputCount).ThenBy(g => g.Key.Problem.Graph, StringComparer.Ordinal)
                .ThenBy(g => g.Key.Network, StringComparer.Ordinal)
                .Select(g => new Series(g.Key.Problem, g.Key.Network,
                [
                    .. g.GroupBy(UnitsOf).OrderBy(u => u.Key).Select(u => new Point(
                        u.Key,
                        (long)Math.Round(u.Average(r => (double)r.NeuronCount)),
                        (long)Math.Round(u.Average(r => (double)r.WeightCount)),
                        u.Sum(r => r.Samples),
                        u.Sum(r => r.Samples - r.SamplesCorrect))),
                ])),
        ];
    }

    public static ReportPart Build(IEnumerable<CaseRow> rows, string outputDirectory)
    {
        var series = SeriesOf(rows);
        if (series.Count == 0)
        {
            return new ReportPart([FigureOutcome.Skipped(FileName, Description, "needs ok rows of a trained or hybrid network on an AND problem")], "");
        }
        Draw(series, Path.Combine(outputDirectory, FileName));
        return new ReportPart([new FigureOutcome(FileName, Description, null)], Section(series));
    }

    private static ProblemKey Key(CaseRow row) => new(row.Graph, row.InputCount, row.OutputCount, row.Sparsity, row.InputDistribution);

    private static string? Parameter(string canonicalJson, string name)
    {
        if (string.IsNullOrEmpty(canonicalJson))
        {
            return null;
        }
        using var document = JsonDocument.Parse(canonicalJson);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
            ? value.ToString()
            : null;
    }

    private static void Draw(IReadOnlyList<Series> series, string path)
    {
        using var plot = Charts.Create("Trained against constructed", "computing units", "sample error rate");
        var several = series.Select(s => s.Problem).Distinct().Count() > 1;
        var xs = new List<double>();
        foreach (var s in series)
        {
            var points = s.Points.Where(p => p.Units > 0 && p.Samples > 0).ToList();
            var x = Charts.Log10(points.Select(p => (double)p.Units));
            Charts.Measured(plot, x, [.. points.Select(p => p.Rate)], several ? $"{s.Network} ({s.Problem.Short})" : s.Network);
            xs.AddRange(x);
        }
        Charts.LogAxis(plot.Axes.Bottom, xs);
        plot.Axes.SetLimitsY(-0.02, 1.02);
        Charts.LegendOutside(plot);
        Charts.Save(plot, path);
    }

    private static string Section(IReadOnlyList<Series> series)
    {
        var builder = new StringBuilder();
        builder.AppendLine("## Trained against constructed").AppendLine();
        builder.AppendLine("Computing units: the hidden units under a trained read-out (trained, hybrid), the units a construction's decoder reads. Rows of one network and size are pooled.").AppendLine();
        foreach (var problem in series.GroupBy(s => s.Problem))
        {
            var all = problem.SelectMany(s => s.Points.Select(p => (s.Network, Point: p))).ToList();
            var exact = all.Where(t => t.Point.Rate < 0.01).OrderBy(t => t.Point.Units).FirstOrDefault();
            var learned = all.Where(t => t.Network.StartsWith("trained", StringComparison.Ordinal) || t.Network.StartsWith("hybrid", StringComparison.Ordinal))
                .OrderBy(t => t.Point.Rate).ThenBy(t => t.Point.Units).First();
            var winner = exact.Network is null
                ? "no network below a 1% sample error rate"
                : $"fewest computing units below a 1% sample error rate: {exact.Network} with {Text.Count(exact.Point.Units)}";
            builder.AppendLine($"- {problem.Key.Label}: {winner}; best trained or hybrid: {learned.Network} with {Text.Count(learned.Point.Units)} units, {learned.Point.Wrong} of {learned.Point.Samples} wrong.");
        }
        builder.AppendLine();
        builder.Append(Text.Table(
            ["problem", "network", "computing units", "neurons", "weights", "wrong / samples", "sample error rate"],
            series.SelectMany(s => s.Points.Select(p => (IReadOnlyList<string>)
            [
                s.Problem.Label,
                s.Network,
                Text.Count(p.Units),
                Text.Count(p.Neurons),
                Text.Count(p.Weights),
                $"{p.Wrong} / {p.Samples}",
                p.Rate.ToString("0.000", CultureInfo.InvariantCulture),
            ]))));
        return builder.ToString();
    }
}
