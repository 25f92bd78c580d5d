using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Superposition.Constructions;
using Superposition.Networks;
using Superposition.Problems;
using Superposition.Randomness;
using Superposition.Testing;
using Superposition.Validation;
using Xunit;

namespace Superposition.Core.Tests;

/// <summary>
/// Invalid requests fail once, listing every problem: any combination of independent defects gives one
/// <see cref="InvalidSpecException"/> with exactly one error per defect, at the defect's path.
/// </summary>
public class ValidationProperties
{
    private static readonly Gen<Request> Requests =
        from spec in CoreGenerators.AndSpecs("random")
        from tooManyPairs in Gen.Elements(true, false)
        from badSparsity in Gen.Elements(0, 1, 2)
        from badNumber in Gen.Elements<double?>(null, null, double.NaN, 0.0, -1.0, double.PositiveInfinity)
        from unknownParameter in Gen.Elements(true, false)
        from unknownConstruction in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new Request(spec, tooManyPairs, badSparsity, badNumber, unknownParameter, unknownConstruction);

    [Property(MaxTest = 300)]
    public Property Validate_lists_one_error_per_independent_defect() => Prop.ForAll(Arb.From(Requests), request =>
    {
        var errors = NetworkBuilder.Validate(request.Spec, request.Construction, request.Parameters);

        Assert.Equal(request.ExpectedPaths, errors.Select(e => e.Path).Order(StringComparer.Ordinal).ToArray());
        if (errors.Count > 0)
        {
            var thrown = Assert.Throws<InvalidSpecException>(() => NetworkBuilder.Build(request.Spec, request.Construction, request.Parameters, new Seed(1), new Seed(2)));
            Assert.Equal(errors, thrown.Errors.ToArray());
        }
    });

    /// <summary>A valid random 2-AND request for superposed-and with some defects added.</summary>
    private sealed record Request(ProblemSpec Valid, bool TooManyPairs, int BadSparsity, double? BadNumber, bool UnknownParameter, bool UnknownConstruction)
    {
        public ProblemSpec Spec => Valid with
        {
            OutputCount = TooManyPairs ? (int)Valid.PossiblePairs + 1 : Valid.OutputCount,
            Sparsity = BadSparsity switch { 1 => 0, 2 => Valid.InputCount + 1, _ => Valid.Sparsity },
        };

        public string Construction => UnknownConstruction ? "superposed-adn" : SuperposedAnd.Definition.Name;

        public Dictionary<string, object> Parameters
        {
            get
            {
                var parameters = new Dictionary<string, object>();
                if (BadNumber is { } number)
                {
                    parameters["neuron_factor"] = number;
                }
                if (UnknownParameter)
                {
                    parameters["nueron_factr"] = 2.0;
                }
                return parameters;
            }
        }

        public string[] ExpectedPaths
        {
            get
            {
                var paths = new List<string>();
                if (TooManyPairs)
                {
                    paths.Add("output_count");
                }
                if (BadSparsity != 0)
                {
                    paths.Add("sparsity");
                }
                if (UnknownConstruction)
                {
                    paths.Add("construction");
                }
                else
                {
                    if (BadNumber is not null)
                    {
                        paths.Add("construction_params.neuron_factor");
                    }
                    if (UnknownParameter)
                    {
                        paths.Add("construction_params.nueron_factr");
                    }
                }
                return [.. paths.Order(StringComparer.Ordinal)];
            }
        }
    }
}
