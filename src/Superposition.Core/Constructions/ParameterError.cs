namespace Superposition.Constructions;

/// <summary>A problem with a construction request that depends on the problem, reported at the parameter it is about (params.&lt;name&gt;).</summary>
public sealed record ParameterError(string Parameter, string Message);
