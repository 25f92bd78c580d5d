using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Superposition.Cli.Bench;
using Superposition.Evaluation;

namespace Superposition.Cli.Commands;

/// <summary>
/// `bench [--large] [--shape NAME]`: measures build time, peak memory and end-to-end throughput on the
/// fixed shapes of docs/performance.md, and the kernel's scatter rate per core beside the machine's
/// random-scatter rate measured in the same process. Each shape runs in a child process of its own, so
/// its peak memory is its own.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var large = new Option<bool>("--large") { Description = "also run m = m' = 10^7 (minutes, about 10 GB)" };
        var shape = new Option<string?>("--shape") { Description = "run one shape in this process and print its result as JSON" };
        var workers = new Option<int>("--workers") { Description = "evaluation workers", DefaultValueFactory = _ => Environment.ProcessorCount };
        var kernel = new Option<ForwardKernel>("--kernel")
        {
            Description = "forward pass: auto (chosen per 64 samples), scatter or batched, to compare them on one machine in one run",
            DefaultValueFactory = _ => ForwardKernel.Auto,
        };
        var command = new Command("bench", "measure build time, memory and samples/s on standard shapes") { large, shape, workers, kernel };
        command.SetAction(parse => parse.GetValue(shape) is { } name
            ? RunOne(name, parse.GetValue(workers), parse.GetValue(kernel))
            : RunAll(parse.GetValue(large), parse.GetValue(workers), parse.GetValue(kernel)));
        return command;
    }

    private static int RunOne(string name, int workers, ForwardKernel kernel)
    {
        if (BenchShape.All.FirstOrDefault(s => s.Name == name) is not { } shape)
        {
            Console.Error.WriteLine($"unknown shape '{name}'; shapes: {string.Join(", ", BenchShape.All.Select(s => s.Name))}");
            return ExitCodes.BadInput;
        }
        Console.WriteLine(JsonSerializer.Serialize(ShapeBenchmark.Measure(shape, Math.Max(1, workers), kernel)));
        return ExitCodes.Success;
    }

    private static int RunAll(bool large, int workers, ForwardKernel kernel)
    {
        AnsiConsole.WriteLine($"machine: {MachineInfo.Describe()}");
        var table = new Table().AddColumns("shape", "inputs", "neurons", "nnz(W)", "build s", "peak GB", "samples", "samples/s", "touched/sample", "touched/s", "touched/s/core", "scatter/s/core", "of scatter", "batched", "bitmap", "bitmap s", "wrong");
        foreach (var shape in BenchShape.All.Where(s => large || !s.Large))
        {
            AnsiConsole.WriteLine($"running {shape.Name} (m = {shape.InputCount:N0}, m' = {shape.OutputCount:N0}, s = {shape.Sparsity}, {shape.Distribution}) …");
            if (RunChild(shape.Name, workers, kernel) is not { } result)
            {
                return ExitCodes.RunFailed;
            }
            table.AddRow(
                result.Shape, result.InputEncoding, result.Neurons.ToString("N0"), result.WeightCount.ToString("N0"),
                result.BuildSeconds.ToString("0.0"), result.PeakMemoryGigabytes.ToString("0.00"), result.Samples.ToString("N0"),
                result.SamplesPerSecond.ToString("N0"), result.TouchedPerSample.ToString("N0"), result.TouchedPerSecond.ToString("0.00e0"),
                result.TouchedPerSecondPerCore.ToString("0.00e0"), result.ScatterRatePerCore.ToString("0.00e0"), result.ScatterFraction.ToString("P0"),
                result.BatchedFraction.ToString("P0"), result.BitmapFraction.ToString("P0"), result.BitmapSeconds.ToString("0.0"), result.WrongSamples.ToString("N0"));
        }
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }

    /// <summary>Runs `bench --shape NAME` in a fresh process (same runtime and binary) and parses its JSON line.</summary>
    private static BenchResult? RunChild(string shape, int workers, ForwardKernel kernel)
    {
        var self = Environment.ProcessPath!;
        var assembly = typeof(BenchCommand).Assembly.Location;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self, [assembly, "bench", "--shape", shape, "--workers", workers.ToString(), "--kernel", kernel.ToString()])
            : new ProcessStartInfo(self, ["bench", "--shape", shape, "--workers", workers.ToString(), "--kernel", kernel.ToString()]);
        start.RedirectStandardOutput = true;
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            Console.Error.WriteLine($"shape {shape} failed (exit {child.ExitCode})");
            return null;
        }
        return JsonSerializer.Deserialize<BenchResult>(output.Trim().Split('\n')[^1]);
    }
}
