using System.CommandLine;
using System.Globalization;
using Superposition.Reports.Bounds;

namespace Superposition.Cli.Commands;

/// <summary>`bounds [--pairs 1e3,1e4,...] [--inputs M] [--sparsity S] [--out FILE.parquet]`: the bound table of docs/mathematics.md §5.</summary>
internal static class BoundsCommand
{
    public static Command Create()
    {
        var pairs = new Option<string>("--pairs") { Description = "comma-separated m' values (1e3 notation allowed)", DefaultValueFactory = _ => "1e3,1e4,1e5,1e6,1e7" };
        var inputs = new Option<int?>("--inputs") { Description = "m, the number of inputs, for every row (default m = max(m', 2))" };
        var sparsity = new Option<int>("--sparsity") { Description = "s", DefaultValueFactory = _ => 3 };
        var output = new Option<string?>("--out") { Description = "also write the table as Parquet" };
        var command = new Command("bounds", "print instance bits, reference curves and capacity for a list of m'") { pairs, inputs, sparsity, output };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(pairs)!, parse.GetValue(inputs), parse.GetValue(sparsity), parse.GetValue(output), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string pairList, int? inputCount, int sparsity, string? output, CancellationToken cancellation)
    {
        var (counts, problems) = Parse(pairList);
        if (sparsity < 1)
        {
            problems.Add($"--sparsity must be at least 1, got {sparsity}");
        }
        if (inputCount < 2)
        {
            problems.Add($"--inputs must be at least 2 (a pair needs two inputs), got {inputCount}");
        }
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
            }
            return ExitCodes.BadInput;
        }
        var rows = BoundsTable.Rows(counts, sparsity, inputCount);
        Console.Write(BoundsTable.Format(rows));
        if (output is not null)
        {
            await BoundsTable.WriteParquetAsync(rows, output, cancellation);
            Console.WriteLine($"wrote {Path.GetFullPath(output)}");
        }
        return ExitCodes.Success;
    }

    /// <summary>Every value of the list, or every problem with it.</summary>
    private static (List<int> Counts, List<string> Problems) Parse(string list)
    {
        var counts = new List<int>();
        var problems = new List<string>();
        foreach (var item in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= int.MaxValue && value == Math.Floor(value))
            {
                counts.Add((int)value);
            }
            else
            {
                problems.Add($"--pairs: '{item}' is not a whole number between 1 and {int.MaxValue}");
            }
        }
        if (counts.Count == 0 && problems.Count == 0)
        {
            problems.Add("--pairs: no values given");
        }
        return (counts, problems);
    }
}
