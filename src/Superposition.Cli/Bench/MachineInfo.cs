using System.Runtime.InteropServices;

namespace Superposition.Cli.Bench;

/// <summary>The machine a benchmark ran on, printed with every figure.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0;
        return $"{Environment.ProcessorCount} cores, {model ?? RuntimeInformation.ProcessArchitecture.ToString()}, {memory:0.#} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
