using Superposition.Rows;

namespace Superposition.Pipeline;

/// <summary>How a run behaves.</summary>
/// <param name="Parallelism">Workers sampling and evaluating batches (defaults to the core count).</param>
/// <param name="KeepSamples">Also emit one SampleRow per evaluated input (samples.parquet).</param>
/// <param name="StopOnFirstError">Fail the run when a construction fails, instead of writing a failed row.</param>
public sealed record RunOptions(int Parallelism, bool KeepSamples, bool StopOnFirstError, RowMapping.RunInfo Run);
