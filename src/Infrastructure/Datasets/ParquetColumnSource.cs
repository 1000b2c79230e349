using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Parquet;
using Parquet.Schema;

namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// An open Parquet file that describes its columns and streams requested columns row group by row group
/// without reading the others. Format problems surface as <see cref="DatasetValidationException"/>.
/// </summary>
public sealed partial class ParquetColumnSource : IAsyncDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly ParquetReader reader;

    private readonly Dictionary<string, Field> fields;

    private ParquetColumnSource(ParquetReader reader)
    {
        this.reader = reader;
        fields = reader.Schema.Fields
            .Where(field => !IsPandasIndex(field.Name))
            .ToDictionary(field => field.Name, StringComparer.Ordinal);
        Schema = DescribeSchema(reader, fields.Values);
    }

    /// <summary>Rows, row groups and columns; pandas index columns (<c>__index_level_N__</c>) are left out.</summary>
    public DatasetSchema Schema { get; }

    /// <summary>Opens a Parquet file, rejecting empty, truncated and non-Parquet files with a typed error.</summary>
    public static async Task<ParquetColumnSource> OpenAsync(string path, CancellationToken cancellationToken)
    {
        await CheckFramingAsync(path, cancellationToken);

        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path, null, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or ParquetException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new DatasetValidationException("invalid-format", $"The file is not a readable Parquet file: {exception.Message}");
        }

        return new ParquetColumnSource(reader);
    }

    public bool HasColumn(string name) => fields.ContainsKey(name);

    /// <summary>
    /// Yields the requested columns of each row group in file order. Every requested column must exist and be flat;
    /// numeric kinds need a numeric column and <see cref="ColumnKind.Text"/> a string column.
    /// </summary>
    public async IAsyncEnumerable<RowGroupColumns> ReadRowGroupsAsync(
        IReadOnlyList<ColumnRequest> columns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var dataFields = columns.Select(column => ResolveField(column.Name, column.Kind)).ToArray();

        long firstRow = 0;
        for (var index = 0; index < reader.RowGroupCount; index++)
        {
            var group = reader.OpenRowGroupReader(index);
            var slices = new ColumnSlice[columns.Count];
            for (var column = 0; column < columns.Count; column++)
            {
                slices[column] = await ReadSliceAsync(group, dataFields[column], columns[column].Kind, index, firstRow, cancellationToken);
            }

            yield return new RowGroupColumns(index, firstRow, checked((int)group.RowCount), slices);
            firstRow += group.RowCount;
        }
    }

    /// <summary>Returns the flat field of a column, or throws a validation error naming why it cannot be read as <paramref name="kind"/>.</summary>
    internal DataField ResolveField(string name, ColumnKind kind)
    {
        var field = GetField(name);
        if (kind == ColumnKind.Text ? !ColumnTypes.IsText(field) : !ColumnTypes.IsNumeric(field))
        {
            var expected = kind == ColumnKind.Text ? "a string" : "a numeric (integer, floating-point or boolean)";
            throw new DatasetValidationException(
                "non-numeric-column",
                $"Column '{name}' must be {expected} column, but it is {ColumnTypes.Describe(field)}.",
                name);
        }

        return (DataField)field;
    }

    /// <summary>Returns a top-level column, throwing missing-column or nested-column errors.</summary>
    internal Field GetField(string name)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            throw new DatasetValidationException(
                "missing-column",
                $"Column '{name}' was not found. Columns in the file: {ListColumns()}.",
                name);
        }

        if (ColumnTypes.IsNested(field))
        {
            throw new DatasetValidationException(
                "nested-column",
                $"Column '{name}' is a nested {ColumnTypes.Describe(field)} column, but only flat columns with one value per event can be used. "
                + "Jagged per-particle arrays must be flattened first, for example with awkward.flatten or by taking the leading element into its own column.",
                name);
        }

        return field;
    }

    public ValueTask DisposeAsync() => reader.DisposeAsync();

    private string ListColumns()
    {
        const int MaxListed = 50;
        var listed = string.Join(", ", fields.Keys.Take(MaxListed));
        return fields.Count > MaxListed ? $"{listed} and {fields.Count - MaxListed} more" : listed;
    }

    private static async Task CheckFramingAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 16, useAsync: true);
        if (stream.Length == 0)
        {
            throw new DatasetValidationException("empty-file", "The file is empty (0 bytes).");
        }

        var head = new byte[4];
        var tail = new byte[4];
        var headRead = await stream.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, cancellationToken);
        if (headRead < 4 || !head.AsSpan().SequenceEqual(Magic))
        {
            throw new DatasetValidationException("invalid-format", "The file is not a Parquet file: it does not start with the PAR1 marker.");
        }

        // A Parquet file is at least the two markers plus the footer length, 12 bytes.
        stream.Seek(-4, SeekOrigin.End);
        await stream.ReadExactlyAsync(tail, cancellationToken);
        if (stream.Length < 12 || !tail.AsSpan().SequenceEqual(Magic))
        {
            throw new DatasetValidationException(
                "truncated-file",
                $"The Parquet file is truncated: it starts with PAR1 but does not end with it ({stream.Length} bytes). Upload the complete file.");
        }
    }

    private static async ValueTask<ColumnSlice> ReadSliceAsync(
        ParquetRowGroupReader group,
        DataField field,
        ColumnKind kind,
        int rowGroupIndex,
        long firstRow,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ColumnValueReader.ReadAsync(group, field, kind, firstRow, cancellationToken);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or DatasetValidationException))
        {
            // Parquet.Net reports damaged pages with many exception types (IOException, InvalidDataException,
            // IndexOutOfRangeException and others), so any failure while decoding is a format error of this column.
            throw new DatasetValidationException(
                "invalid-format",
                $"Column '{field.Name}' in row group {rowGroupIndex} could not be read: {exception.Message}",
                field.Name,
                firstRow);
        }
    }

    private static DatasetSchema DescribeSchema(ParquetReader reader, IEnumerable<Field> columns)
    {
        var described = columns
            .Select(field => new DatasetColumn(
                field.Name,
                ColumnTypes.PhysicalTypeOf(field),
                ColumnTypes.LogicalTypeOf(field),
                field.IsNullable,
                ColumnTypes.IsNested(field),
                ColumnTypes.IsNumeric(field)))
            .ToList();
        return new DatasetSchema(reader.Metadata?.NumRows ?? 0, reader.RowGroupCount, described);
    }

    private static bool IsPandasIndex(string name) => PandasIndexPattern().IsMatch(name);

    [GeneratedRegex(@"^__index_level_\d+__$")]
    private static partial Regex PandasIndexPattern();
}
