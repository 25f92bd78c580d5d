using Parquet;
using Parquet.Schema;

namespace Superposition.Datasets;

/// <summary>
/// Writes a small table of required numeric columns (int32, int64 or double arrays of equal length) as
/// one Parquet row group, for derived tables such as the bound table that have no row type of their
/// own. It keeps Parquet.Net inside this project, and like the dataset sink it writes under a
/// <c>.tmp</c> name and renames on success, so a reader never sees half a file.
/// </summary>
public static class NumericTableFile
{
    /// <summary>Writes <paramref name="columns"/>, in order, to <paramref name="path"/> (its directory must exist).</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<(string Name, Array Values)> columns, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("a table needs at least one column", nameof(columns));
        }
        if (columns.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != columns.Count)
        {
            throw new ArgumentException("column names must differ", nameof(columns));
        }
        if (columns.Any(c => c.Values.Length != columns[0].Values.Length))
        {
            throw new ArgumentException("every column needs as many values as the first", nameof(columns));
        }
        var fields = columns.Select(c => c.Values switch
        {
            int[] => (DataField)new DataField<int>(c.Name, nullable: false),
            long[] => new DataField<long>(c.Name, nullable: false),
            double[] => new DataField<double>(c.Name, nullable: false),
            _ => throw new ArgumentException($"column '{c.Name}' holds {c.Values.GetType().Name}; int[], long[] or double[] expected", nameof(columns)),
        }).ToArray();
        var temporary = path + DatasetSchema.TemporarySuffix;
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous))
            {
                await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: cancellationToken))
                {
                    using var rowGroup = writer.CreateRowGroup();
                    for (var i = 0; i < fields.Length; i++)
                    {
                        await (columns[i].Values switch
                        {
                            int[] ints => rowGroup.WriteAsync<int>(fields[i], ints, cancellationToken: cancellationToken),
                            long[] longs => rowGroup.WriteAsync<long>(fields[i], longs, cancellationToken: cancellationToken),
                            _ => rowGroup.WriteAsync<double>(fields[i], (double[])columns[i].Values, cancellationToken: cancellationToken),
                        });
                    }
                    rowGroup.CompleteValidate();
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
