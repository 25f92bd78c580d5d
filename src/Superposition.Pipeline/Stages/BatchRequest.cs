namespace Superposition.Pipeline.Stages;

/// <summary>One batch of one built case to sample: the unit of parallel work.</summary>
public sealed record BatchRequest(Built.Ok Case, int BatchIndex);
