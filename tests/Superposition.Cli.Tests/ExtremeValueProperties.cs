using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Cli.Tests.Support;
using Superposition.Constructions;
using Superposition.Specs;
using Superposition.Sweeps;
using Superposition.Testing;

namespace Superposition.Cli.Tests;

/// <summary>
/// The one rule of the spec contract, under extreme values: a tiny valid spec gets one numeric field —
/// a problem or evaluation field, an axis value, or any parameter of its construction — replaced by 0, 1,
/// −1, 2^31−1, 2^31, 2^53, 1e300, a fraction or "NaN" as text. `plan` and `run` must then agree: both
/// exit 0 (and `run` writes the dataset) or both exit 2 with a message and nothing written; no other
/// exit code and no stack trace. Accepted specs whose work is large (many samples or outputs) are only
/// planned, so the suite stays quick; `run` of them is what the size checks and the memory estimate
/// exist to bound.
/// </summary>
[Xunit.Collection("console")]
public class ExtremeValueProperties
{
    private static readonly JsonNode[] Extremes =
        [0, 1, -1, int.MaxValue, 2147483648L, 9007199254740992L, 1e300, 0.5, 2.5, "NaN"];

    public static Arbitrary<string> Specs() =>
        (from spec in SpecGenerators.Tiny
         from target in Gen.Choose(0, 1 << 20)
         from extreme in Gen.Elements(Extremes)
         select WithExtreme(spec.Text, target, extreme)).ToArbitrary();

    [Property(Arbitrary = [typeof(ExtremeValueProperties)], MaxTest = 60)]
    public Property Plan_and_run_agree_on_a_spec_with_an_extreme_value(string text)
    {
        using var directory = new TemporaryDirectory();
        var spec = directory["spec.json"];
        File.WriteAllText(spec, text);
        var output = directory["out"];

        var plan = InProcess.Invoke("plan", spec);
        var noTrace = !plan.Error.Contains("   at ", StringComparison.Ordinal);
        if (plan.Exit == 0 && !SmallEnoughToRun(text))
        {
            return noTrace.Collect("accepted, planned only");
        }
        var run = InProcess.Invoke("run", spec, "--out", output, "--parallelism", "1");
        noTrace &= !run.Error.Contains("   at ", StringComparison.Ordinal);
        return (noTrace && plan.Exit == run.Exit && run.Exit switch
        {
            0 => Directory.EnumerateFiles(output, "cases.parquet", SearchOption.AllDirectories).Count() == 1,
            2 => plan.Error.Trim().Length > 0 && run.Error.Trim().Length > 0 && !Path.Exists(output),
            _ => false,
        }).Collect($"exit {run.Exit}");
    }

    [Xunit.Fact]
    public void A_batch_larger_than_the_samples_by_int_MaxValue_runs_like_one_batch()
    {
        // Found by the property above: ⌈samples / batch⌉ overflowed in 32 bits, so the run had no batches
        // and never finished (plan 0, run 1).
        using var directory = new TemporaryDirectory();
        var spec = directory["spec.json"];
        File.WriteAllText(spec, """{"name":"big-batch","seed":1,"problem":{"input_count":20,"output_count":10,"sparsity":3},"construction":"dedicated","evaluation":{"samples":20,"batch_size":2147483647}}""");

        Xunit.Assert.Equal(0, InProcess.Invoke("plan", spec).Exit);
        Xunit.Assert.Equal(0, InProcess.Invoke("run", spec, "--out", directory["out"], "--parallelism", "1").Exit);
    }

    /// <summary>Replaces the numeric leaf number <paramref name="target"/> (mod their count), or sets a construction parameter.</summary>
    private static string WithExtreme(string text, int target, JsonNode extreme)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        var leaves = new List<JsonValue>();
        Collect(root, leaves);
        var construction = root["construction"]?.GetValue<string>() is { } name ? ConstructionRegistry.Find(name) : null;
        var parameters = construction?.Parameters.Where(p => !p.IsChoice).Select(p => p.Name).ToArray() ?? [];
        var slot = target % (leaves.Count + parameters.Length);
        if (slot < leaves.Count)
        {
            leaves[slot].ReplaceWith(extreme.DeepClone());
        }
        else
        {
            var values = root["params"] as JsonObject ?? (JsonObject)(root["params"] = new JsonObject());
            values[parameters[slot - leaves.Count]] = extreme.DeepClone();
        }
        return root.ToJsonString();
    }

    private static void Collect(JsonNode? node, List<JsonValue> leaves)
    {
        switch (node)
        {
            case JsonObject values:
                foreach (var (key, child) in values.ToList())
                {
                    if (key != "seed")
                    {
                        Collect(child, leaves);
                    }
                }
                break;
            case JsonArray items:
                foreach (var child in items.ToList())
                {
                    Collect(child, leaves);
                }
                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                leaves.Add(value);
                break;
        }
    }

    /// <summary>Few enough samples and outputs that `run` finishes in moments on one worker.</summary>
    private static bool SmallEnoughToRun(string text) =>
        SpecParser.Parse(text) is SpecParseResult.Parsed { Spec: var spec }
        && SweepExpansion.Enumerate(spec).Take(200).ToList() is { Count: < 200 } runs
        && runs.Sum(r => (long)r.Samples) <= 20_000
        && runs.All(r => r.Problem.OutputCount <= 5_000 && r.Problem.InputCount <= 5_000);
}
