using Parquet;
using Parquet.Schema;

namespace HnlService.Infrastructure.Datasets;

/// <summary>One row group's worth of parsed cells of one CSV column, written as one Parquet column chunk.</summary>
internal sealed class CsvColumnBuffer
{
    private readonly CsvColumnType type;

    private readonly bool nullable;

    private readonly long[]? integers;

    private readonly long?[]? nullableIntegers;

    private readonly double[]? doubles;

    private readonly double?[]? nullableDoubles;

    private readonly bool?[]? booleans;

    private readonly string?[]? texts;

    public CsvColumnBuffer(string name, CsvColumnType type, bool nullable, int capacity)
    {
        this.type = type;
        this.nullable = nullable;
        switch (type)
        {
            case CsvColumnType.Int64 when nullable:
                nullableIntegers = new long?[capacity];
                Field = new DataField<long?>(name);
                break;
            case CsvColumnType.Int64:
                integers = new long[capacity];
                Field = new DataField<long>(name);
                break;
            case CsvColumnType.Double when nullable:
                nullableDoubles = new double?[capacity];
                Field = new DataField<double?>(name);
                break;
            case CsvColumnType.Double:
                doubles = new double[capacity];
                Field = new DataField<double>(name);
                break;
            case CsvColumnType.Boolean:
                booleans = new bool?[capacity];
                Field = new DataField<bool?>(name);
                break;
            default:
                texts = new string?[capacity];
                Field = new DataField<string>(name, true);
                break;
        }
    }

    public DataField Field { get; }

    /// <summary>Parses a cell of the type the inference pass found for this column in the same file, so parse results are not checked again.</summary>
    public void Set(int row, ReadOnlySpan<byte> cell)
    {
        var isNull = cell.IsEmpty;
        switch (type)
        {
            case CsvColumnType.Int64 when nullable:
                nullableIntegers![row] = isNull ? null : ParseInt64(cell);
                break;
            case CsvColumnType.Int64:
                integers![row] = ParseInt64(cell);
                break;
            case CsvColumnType.Double when nullable:
                nullableDoubles![row] = isNull ? null : ParseDouble(cell);
                break;
            case CsvColumnType.Double:
                doubles![row] = ParseDouble(cell);
                break;
            case CsvColumnType.Boolean:
                booleans![row] = isNull ? null : CsvValues.TryParseBoolean(cell, out var flag) && flag;
                break;
            default:
                texts![row] = isNull ? null : CsvValues.Text(cell);
                break;
        }
    }

    public async Task WriteAsync(ParquetRowGroupWriter writer, int rows, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case CsvColumnType.Int64 when nullable:
                await writer.WriteAsync<long>(Field, nullableIntegers.AsMemory(0, rows), null, null, cancellationToken);
                break;
            case CsvColumnType.Int64:
                await writer.WriteAsync<long>(Field, integers.AsMemory(0, rows), null, null, cancellationToken);
                break;
            case CsvColumnType.Double when nullable:
                await writer.WriteAsync<double>(Field, nullableDoubles.AsMemory(0, rows), null, null, cancellationToken);
                break;
            case CsvColumnType.Double:
                await writer.WriteAsync<double>(Field, doubles.AsMemory(0, rows), null, null, cancellationToken);
                break;
            case CsvColumnType.Boolean:
                await writer.WriteAsync<bool>(Field, booleans.AsMemory(0, rows), null, null, cancellationToken);
                break;
            default:
                await writer.WriteAsync(Field, new ArraySegment<string>(texts!, 0, rows)!, null);
                break;
        }
    }

    private static long ParseInt64(ReadOnlySpan<byte> cell)
    {
        CsvValues.TryParseInt64(cell, out var value);
        return value;
    }

    private static double ParseDouble(ReadOnlySpan<byte> cell)
    {
        CsvValues.TryParseDouble(cell, out var value);
        return value;
    }
}
