using Superposition.Cli.Tests.Support;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>Every verb answers --help with its usage and exit 0, including verbs with required options (export once threw there).</summary>
[Collection("console")]
public class HelpTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("plan")]
    [InlineData("report")]
    [InlineData("bounds")]
    [InlineData("export")]
    [InlineData("verify")]
    [InlineData("bench")]
    public async Task Help_prints_usage_and_exits_0(string verb)
    {
        var (output, exit) = await InProcess.CaptureAsync(verb, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains(verb, output, StringComparison.Ordinal);
    }
}
