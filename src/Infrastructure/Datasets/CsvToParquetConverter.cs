using Parquet;
using Parquet.Schema;

namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// Converts a CSV file to Parquet in two streaming passes: the first infers column types, the second parses
/// and writes row groups of <see cref="RowGroupRows"/> rows, so memory is bounded by one row group.
/// The output depends only on the CSV bytes, so identical CSV uploads produce identical Parquet files.
/// </summary>
internal static class CsvToParquetConverter
{
    public const int RowGroupRows = 100_000;

    private const int FileBufferBytes = 1 << 16;

    /// <summary>Writes <paramref name="parquetPath"/> and returns the inferred schema of the CSV file.</summary>
    public static async Task<CsvSchema> ConvertAsync(string csvPath, string parquetPath, CancellationToken cancellationToken)
    {
        CsvSchema schema;
        await using (var input = OpenRead(csvPath))
        {
            schema = CsvSchemaInference.Infer(input, cancellationToken);
        }

        var capacity = (int)Math.Clamp(schema.RowCount, 1, RowGroupRows);
        var buffers = schema.Names
            .Select((name, column) => new CsvColumnBuffer(name, schema.Types[column], schema.HasNulls[column], capacity))
            .ToArray();

        await using var output = new FileStream(parquetPath, FileMode.Create, FileAccess.Write, FileShare.None, FileBufferBytes);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(buffers.Select(buffer => (Field)buffer.Field)), output, null, false, cancellationToken);
        using var reader = new CsvRecordReader(OpenRead(csvPath));
        CsvSchemaInference.ReadHeader(reader);

        long rows = 0;
        var filled = 0;
        while (reader.ReadRecord())
        {
            if (reader.IsBlankLine)
            {
                continue;
            }

            CsvSchemaInference.CheckFieldCount(reader, schema.Names, rows);
            for (var column = 0; column < buffers.Length; column++)
            {
                buffers[column].Set(filled, reader.Field(column));
            }

            filled++;
            rows++;
            if (filled == capacity)
            {
                await WriteRowGroupAsync(writer, buffers, filled, cancellationToken);
                filled = 0;
            }
        }

        if (filled > 0 || rows == 0)
        {
            await WriteRowGroupAsync(writer, buffers, filled, cancellationToken);
        }

        return schema;
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferBytes, FileOptions.SequentialScan);

    private static async Task WriteRowGroupAsync(ParquetWriter writer, CsvColumnBuffer[] buffers, int rows, CancellationToken cancellationToken)
    {
        using var group = writer.CreateRowGroup();
        foreach (var buffer in buffers)
        {
            await buffer.WriteAsync(group, rows, cancellationToken);
        }
    }
}
