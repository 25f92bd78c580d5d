namespace Superposition.Core.Tests.Variants;

/// <summary>The invariant suite on <see cref="TestConstructions"/>: nothing else is edited to check a test-defined construction.</summary>
public sealed class TestConstructionInvariantProperties : ConstructionInvariantSuite<TestConstructions>;
