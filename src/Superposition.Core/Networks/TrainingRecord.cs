namespace Superposition.Networks;

/// <summary>
/// How a trained network's weights were found: the loss of the last training batch, the optimiser steps
/// taken, the wall-clock seconds training took and the seed every initial weight and training input was
/// derived from. The dataset's training columns (docs/dataset-schema.md) hold these.
/// </summary>
public sealed record TrainingRecord(double FinalLoss, int Steps, double Seconds, ulong Seed);
