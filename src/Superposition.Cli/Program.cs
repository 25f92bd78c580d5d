namespace Superposition.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine($"superposition: no verbs yet ({string.Join(' ', args)})");
        return 2;
    }
}
