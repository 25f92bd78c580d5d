using FsCheck.Xunit;
using Superposition.Datasets.Tests.Support;
using Superposition.Rows;

namespace Superposition.Datasets.Tests;

public sealed class DatasetReaderProperties
{
    [Property(Arbitrary = [typeof(RowArbitraries)])]
    public async Task ReadCasesAsync_returns_the_rows_written(CaseRow[] rows)
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, rows).WaitAsync(Runs.Timeout);

        var read = await DatasetReader.ReadCasesAsync(directory.PathOf("cases.parquet")).WaitAsync(Runs.Timeout);

        RowAssert.Equal(rows, read);
    }

    [Property(Arbitrary = [typeof(RowArbitraries)])]
    public async Task ReadSamplesAsync_returns_the_samples_written_in_order(CaseWithSamples[] writes)
    {
        using var directory = new TemporaryDirectory();
        await Runs.CommitAsync(directory.Root, writes, writeSamples: true).WaitAsync(Runs.Timeout);

        var cases = await DatasetReader.ReadCasesAsync(directory.PathOf("cases.parquet")).WaitAsync(Runs.Timeout);
        var samples = await DatasetReader.ReadSamplesAsync(directory.PathOf("samples.parquet")).WaitAsync(Runs.Timeout);

        RowAssert.Equal([.. writes.Select(write => write.Case)], cases);
        RowAssert.Equal([.. writes.SelectMany(write => write.Samples)], samples);
    }
}
