namespace Superposition.Reports.Analysis;

/// <summary>
/// One point of a curve in data units (x is usually m', y a neuron or parameter count). Fits and
/// crossovers take plain points so they can be tested on synthetic curves without any dataset.
/// </summary>
public readonly record struct CurvePoint(double X, double Y);
