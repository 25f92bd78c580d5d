using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Sweeps;
using Superposition.Testing;
using static Superposition.Core.Tests.Specs.SpecSamples;

namespace Superposition.Core.Tests.Specs;

public class SweepExpansionProperties
{
    [Property(Arbitrary = [typeof(SpecGenerators)])]
    public bool Expand_yields_product_of_axis_lengths_times_replicates(GeneratedSpec generated) =>
        SweepExpansion.Expand(Valid(generated.Text)).Length == generated.CaseCount * generated.Replicates;

    [Property(Arbitrary = [typeof(SpecGenerators)])]
    public bool Expand_gives_each_case_a_distinct_id_shared_by_its_replicates(GeneratedSpec generated)
    {
        var runs = SweepExpansion.Expand(Valid(generated.Text));
        return runs.Select(r => r.CaseId).Distinct().Count() == generated.CaseCount
            && runs.GroupBy(r => r.CaseId).All(g => g.Select(r => r.Replicate).SequenceEqual(Enumerable.Range(0, generated.Replicates)))
            && runs.Select(r => (r.CaseId, r.Replicate)).Distinct().Count() == runs.Length;
    }

    [Property(Arbitrary = [typeof(SpecGenerators)])]
    public bool Expand_numbers_runs_in_order(GeneratedSpec generated) =>
        SweepExpansion.Expand(Valid(generated.Text)).Select(r => r.Index).SequenceEqual(Enumerable.Range(0, generated.CaseCount * generated.Replicates));

    [Property(Arbitrary = [typeof(SpecGenerators)])]
    public bool Expand_gives_distinct_construction_seeds_to_distinct_networks(GeneratedSpec generated)
    {
        // Runs that differ only in their input distribution evaluate one network, so they share its seed.
        var runs = SweepExpansion.Expand(Valid(generated.Text));
        var networks = runs.GroupBy(r => (r.Problem, r.ConstructionName, r.Construction.Values.ToJson(), r.Replicate)).ToList();
        return networks.All(g => g.Select(r => r.ConstructionSeed).Distinct().Count() == 1)
            && networks.Select(g => g.First().ConstructionSeed).Distinct().Count() == networks.Count;
    }

    [Property]
    public Property ShardOf_lies_in_range_and_is_stable() =>
        Prop.ForAll(
            Gen.Choose(0, int.MaxValue).Select(i => i.ToString("x12")).ToArbitrary(),
            Gen.Choose(0, 100).ToArbitrary(),
            Gen.Choose(1, 64).ToArbitrary(),
            (caseId, replicate, shards) =>
            {
                var shard = SweepExpansion.ShardOf(caseId, replicate, shards);
                return shard >= 0 && shard < shards && shard == SweepExpansion.ShardOf(caseId, replicate, shards);
            });

    [Property(MaxTest = 20)]
    public bool ShardOf_spreads_runs_over_shards(int salt)
    {
        const int shards = 4;
        var counts = new int[shards];
        for (var k = 0; k < 4000; k++)
        {
            counts[SweepExpansion.ShardOf($"{salt:x8}{k:x4}", k % 3, shards)]++;
        }
        return counts.All(c => c is > 800 and < 1200);
    }
}
