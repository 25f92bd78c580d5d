using BenchmarkDotNet.Running;

namespace Superposition.Benchmarks;

/// <summary>
/// Kernel benchmarks (BenchmarkDotNet). Run all with
/// `dotnet run -c Release --project bench/Superposition.Benchmarks -- --filter '*'`; see docs/performance.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
