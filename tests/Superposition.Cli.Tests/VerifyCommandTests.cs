using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using Superposition.Cli.Tests.Support;
using Superposition.Datasets.Safetensors;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Xunit;

namespace Superposition.Cli.Tests;

/// <summary>
/// `verify`: exit 0 when every check holds, 1 when one fails (naming the output), 2 with one message for
/// a file that is not a valid network file, for each way a file can be malformed.
/// </summary>
[Collection("console")]
public sealed class VerifyCommandTests
{
    internal sealed record Outcome(int Exit, string Output, string Error);

    internal static async Task<Outcome> VerifyAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (previousOut, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await Task.Run(() => Program.InvokeAsync(["verify", .. args])).WaitAsync(InProcess.Timeout);
            return new Outcome(exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

    [Fact]
    public async Task A_correct_network_that_claims_no_false_negatives_passes()
    {
        using var directory = new TemporaryDirectory();
        UniversalAnd.File().Write(directory["and.safetensors"]);
        var result = await VerifyAsync(directory["and.safetensors"], "--samples", "2000");
        Assert.True(result.Exit == 0, result.Output + result.Error);
        Assert.Contains("verdict: every check holds", result.Output, StringComparison.Ordinal);
        Assert.Contains("every input with |x| ≤ 3 (93)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" fail ", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task A_network_with_one_output_zeroed_fails_and_names_the_output()
    {
        using var directory = new TemporaryDirectory();
        UniversalAnd.File(zeroedOutput: 2).Write(directory["wrong.safetensors"]);
        var result = await VerifyAsync(directory["wrong.safetensors"], "--samples", "2000");
        Assert.Equal(1, result.Exit);
        Assert.Contains("output 2 (inputs 1 ∧ 4)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("output 0 ", result.Output, StringComparison.Ordinal);
        Assert.Contains("check(s) failed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_claim_false_negatives_are_a_measurement()
    {
        using var directory = new TemporaryDirectory();
        UniversalAnd.File(zeroedOutput: 2, claim: false).Write(directory["unclaimed.safetensors"]);
        var result = await VerifyAsync(directory["unclaimed.safetensors"], "--samples", "500");
        Assert.Equal(0, result.Exit);
        Assert.Contains("not claimed by the network: a measurement", result.Output, StringComparison.Ordinal);
        Assert.Contains("output 2 (inputs 1 ∧ 4)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exported_network_verifies_with_its_constructions_claim()
    {
        using var directory = new TemporaryDirectory();
        var spec = new ProblemSpec(ProblemKind.And, "random", 40, 60, 3);
        var network = NetworkBuilder.Build(spec, "superposed-and", ImmutableDictionary<string, object>.Empty, new Seed(1), new Seed(2));
        NetworkExport.Write(network, directory["exported.safetensors"], new Dictionary<string, string>());
        var result = await VerifyAsync(directory["exported.safetensors"], "--samples", "500", "--exhaustive-budget", "100");
        Assert.True(result.Exit == 0, result.Output + result.Error);
        Assert.Contains("none (claimed by the network)", result.Output, StringComparison.Ordinal);
        Assert.Contains("skipped", result.Output, StringComparison.Ordinal);
        Assert.Contains("is more than the budget of 100", result.Output, StringComparison.Ordinal);
    }

    /// <summary>A file with the universal-AND network's tensors, one of them replaced.</summary>
    private static SafetensorsFile Replaced(string name, SafetensorsTensor replacement)
    {
        var file = UniversalAnd.File();
        return file with { Tensors = [.. file.Tensors.Select(t => t.Name == name ? replacement : t)] };
    }

    private static byte[] Bytes(SafetensorsFile file)
    {
        using var directory = new TemporaryDirectory();
        file.Write(directory["file.safetensors"]);
        return File.ReadAllBytes(directory["file.safetensors"]);
    }

    /// <summary>A container written by hand: header JSON (padded) and data, so the layout can be wrong.</summary>
    private static byte[] Raw(string header, byte[] data)
    {
        var text = Encoding.UTF8.GetBytes(header);
        var padded = text.Concat(Enumerable.Repeat((byte)' ', (8 - (text.Length % 8)) % 8)).ToArray();
        var bytes = new byte[8 + padded.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded.Length);
        padded.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + padded.Length);
        return bytes;
    }

    public static TheoryData<string, string> MalformedCases => new()
    {
        { "truncated", "truncated?" },
        { "header-past-end", "runs past the end" },
        { "overlapping-offsets", "inside the previous tensor" },
        { "wrong-dtype", "has dtype I32; F32 or F64 was expected" },
        { "shapes-do-not-chain", "the shapes do not chain" },
        { "nan-weight", "holds NaN at flat index" },
        { "infinite-weight", "holds Infinity at flat index 5" },
        { "dimension-2^31", "a dimension of 2147483648" },
        { "shape-product-overflows", "has a shape whose size overflows 64 bits" },
        { "count-2^31", "'input_count' = 2147483648 is more than" },
        { "not-a-network", "metadata 'format' = 'something-else'" },
        { "bad-pairs", "is not two distinct inputs below 8" },
        { "unknown-tensor", "does not define: layers.7.bias" },
        { "missing-file", "no such file" },
    };

    private static byte[]? Malformed(string kind)
    {
        var valid = Bytes(UniversalAnd.File());
        var weightShape = ImmutableArray.Create<long>(UniversalAnd.Pairs.Length, UniversalAnd.Inputs);
        switch (kind)
        {
            case "truncated":
                return valid[..^7];
            case "header-past-end":
                var past = valid.ToArray();
                BinaryPrimitives.WriteUInt64LittleEndian(past, (ulong)valid.Length);
                return past;
            case "overlapping-offsets":
                return Raw("""{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"b":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}}""", new byte[16]);
            case "wrong-dtype":
                return Bytes(Replaced("layers.0.bias", Int32Tensor.Vector("layers.0.bias", [.. Enumerable.Repeat(-1, UniversalAnd.Pairs.Length)])));
            case "shapes-do-not-chain":
                return Bytes(Replaced("layers.0.weight", new Float64Tensor("layers.0.weight", [UniversalAnd.Pairs.Length, UniversalAnd.Inputs + 1], [.. new double[UniversalAnd.Pairs.Length * (UniversalAnd.Inputs + 1)]])));
            case "nan-weight":
                return Bytes(Replaced("layers.0.weight", new Float64Tensor("layers.0.weight", weightShape, [double.NaN, .. new double[(UniversalAnd.Pairs.Length * UniversalAnd.Inputs) - 1]])));
            case "infinite-weight":
                return Bytes(Replaced("layers.0.weight", new Float64Tensor("layers.0.weight", weightShape, [.. new double[5], double.PositiveInfinity, .. new double[(UniversalAnd.Pairs.Length * UniversalAnd.Inputs) - 6]])));
            case "shape-product-overflows":
                return Raw("""{"layers.0.weight":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,0]}}""", []);
            case "dimension-2^31":
                return Bytes(Replaced("layers.0.weight", new Float64Tensor("layers.0.weight", [1L << 31, 0], [])));
            case "count-2^31":
                var file = UniversalAnd.File();
                return Bytes(file with { Metadata = file.Metadata.SetItem("input_count", "2147483648") });
            case "not-a-network":
                var other = UniversalAnd.File();
                return Bytes(other with { Metadata = other.Metadata.SetItem("format", "something-else") });
            case "bad-pairs":
                return Bytes(Replaced("problem.pairs", new Int32Tensor("problem.pairs", [UniversalAnd.Pairs.Length, 2], [0, 9, .. Enumerable.Range(0, (2 * UniversalAnd.Pairs.Length) - 2)])));
            case "unknown-tensor":
                var extra = UniversalAnd.File();
                return Bytes(extra with { Tensors = extra.Tensors.Add(Float64Tensor.Vector("layers.7.bias", [1.0])) });
            default:
                return null;
        }
    }

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public async Task A_malformed_file_exits_2_with_one_message(string kind, string message)
    {
        using var directory = new TemporaryDirectory();
        var path = directory[$"{kind}.safetensors"];
        if (Malformed(kind) is { } bytes)
        {
            await File.WriteAllBytesAsync(path, bytes);
        }
        var result = await VerifyAsync(path);
        Assert.True(result.Exit == 2, $"{kind}: exit {result.Exit}\n{result.Output}{result.Error}");
        Assert.Empty(result.Output);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"{kind}: {result.Error}");
        Assert.Contains(message, lines[0], StringComparison.Ordinal);
        Assert.Contains(path, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
