using System.Globalization;
using Superposition.Pipeline.Stages;

namespace Superposition.Cli;

/// <summary>
/// For tests only: a build failure on demand. Validation rejects every spec known to fail its build, so a
/// test of how `run` reports a case that fails to build (a failed row, or exit 1 with
/// --stop-on-first-error) needs one injected. <see cref="FailBuildVariable"/> set to a case index (its
/// position in the expanded sweep, every replicate) makes that case's build throw inside the real build
/// stage, so the failure takes exactly the path a construction's exception takes. Unset, the run uses the
/// default stages and nothing changes.
/// </summary>
internal static class TestFaults
{
    public const string FailBuildVariable = "SUPERPOSITION_TEST_FAIL_BUILD";

    /// <summary>The stages to run with: null (the default ones) unless <see cref="FailBuildVariable"/> is set.</summary>
    public static SweepStages? Stages()
    {
        if (Environment.GetEnvironmentVariable(FailBuildVariable) is not { Length: > 0 } value)
        {
            return null;
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new InvalidOperationException($"{FailBuildVariable} must be a case index, got '{value}'");
        }
        return SweepStages.Default with
        {
            Build = (runCase, memo, stopOnFirstError) => CaseStages.Build(
                runCase,
                stopOnFirstError,
                runCase.Index == index ? _ => throw new InvalidOperationException($"injected build failure of case {index} ({FailBuildVariable})") : memo.GetOrBuild),
        };
    }
}
