using System.Globalization;

namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// Column names, inferred types and nullability of a CSV file, plus its data row count. FirstTextCells
/// gives, per column, the first cell that is neither a number nor a boolean (null when there is none),
/// so an error can show the value that made a column text.
/// </summary>
internal sealed record CsvSchema(
    IReadOnlyList<string> Names,
    IReadOnlyList<CsvColumnType> Types,
    IReadOnlyList<bool> HasNulls,
    long RowCount,
    IReadOnlyList<CsvCell?> FirstTextCells)
{
    /// <summary>Returns the index of the named column, or -1 when the file has no such column.</summary>
    public int IndexOf(string name)
    {
        for (var column = 0; column < Names.Count; column++)
        {
            if (Names[column] == name)
            {
                return column;
            }
        }

        return -1;
    }
}

/// <summary>A cell of a CSV file: its zero-based data row (after the header) and its text.</summary>
internal sealed record CsvCell(long Row, string Text);

/// <summary>
/// First pass over a CSV file: reads the header and infers each column's type from every cell. A column is
/// Int64 when all non-empty cells are integers, Double when all are numbers, Boolean when all are true/false
/// (any case), and Text otherwise. A column with only empty cells is a Double column of nulls.
/// </summary>
internal static class CsvSchemaInference
{
    public static CsvSchema Infer(Stream content, CancellationToken cancellationToken)
    {
        using var reader = new CsvRecordReader(content);
        var names = ReadHeader(reader);
        var columns = names.Select(_ => new ColumnState()).ToArray();

        long rows = 0;
        while (reader.ReadRecord())
        {
            if (reader.IsBlankLine)
            {
                continue;
            }

            CheckFieldCount(reader, names, rows);
            for (var column = 0; column < columns.Length; column++)
            {
                columns[column].Observe(reader.Field(column), rows);
            }

            rows++;
            if (rows % 65536 == 0) cancellationToken.ThrowIfCancellationRequested();
        }

        return new CsvSchema(
            names,
            columns.Select(state => state.Type).ToList(),
            columns.Select(state => state.HasNulls).ToList(),
            rows,
            columns.Select(state => state.FirstText).ToList());
    }

    /// <summary>Reads the header record. An empty name (pandas writes one for its index) becomes <c>Unnamed: N</c>, as pandas reads it.</summary>
    public static IReadOnlyList<string> ReadHeader(CsvRecordReader reader)
    {
        if (!reader.ReadRecord())
        {
            throw new DatasetValidationException("empty-file", "The CSV file is empty; it needs a header row and at least one data row.");
        }

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var column = 0; column < reader.FieldCount; column++)
        {
            var name = CsvValues.Text(reader.Field(column));
            if (name.Length == 0)
            {
                name = "Unnamed: " + column.ToString(CultureInfo.InvariantCulture);
            }

            if (!seen.Add(name))
            {
                throw new DatasetValidationException("invalid-format", $"The CSV header names column '{name}' twice; column names must be unique.", name);
            }

            names.Add(name);
        }

        return names;
    }

    public static void CheckFieldCount(CsvRecordReader reader, IReadOnlyList<string> names, long row)
    {
        if (reader.FieldCount != names.Count)
        {
            throw new DatasetValidationException(
                "invalid-format",
                $"CSV data row {row} (0-based, after the header) has {reader.FieldCount} fields, but the header has {names.Count}.",
                null,
                row);
        }
    }

    // A cell quoted in an error message is cut, since a text column may hold whole documents.
    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private sealed class ColumnState
    {
        private bool sawInteger;

        private bool sawDouble;

        private bool sawBoolean;

        private bool sawText;

        public bool HasNulls { get; private set; }

        public CsvCell? FirstText { get; private set; }

        public CsvColumnType Type =>
            sawText || (sawBoolean && (sawInteger || sawDouble)) ? CsvColumnType.Text
            : sawBoolean ? CsvColumnType.Boolean
            : sawDouble || !sawInteger ? CsvColumnType.Double
            : CsvColumnType.Int64;

        public void Observe(ReadOnlySpan<byte> cell, long row)
        {
            if (cell.IsEmpty)
            {
                HasNulls = true;
                return;
            }

            // Once a column is known to be text, its remaining cells need no parsing.
            if (sawText)
            {
                return;
            }

            switch (CsvValues.Classify(cell))
            {
                case CsvColumnType.Int64: sawInteger = true; break;
                case CsvColumnType.Double: sawDouble = true; break;
                case CsvColumnType.Boolean: sawBoolean = true; break;
                default:
                    sawText = true;
                    FirstText = new CsvCell(row, Shorten(CsvValues.Text(cell)));
                    break;
            }
        }
    }
}
