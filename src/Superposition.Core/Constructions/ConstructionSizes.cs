namespace Superposition.Constructions;

/// <summary>
/// The sizes a construction will draw for a problem, estimated without building (in double, so they
/// never overflow): support entries and neurons of each code, and nonzeros of M. The memory estimate
/// multiplies them by bytes per entry.
/// </summary>
public readonly record struct ConstructionSizes(double InputEntries, double InputNeurons, double OutputEntries, double OutputNeurons, double Nonzeros);
