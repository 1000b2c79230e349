using System.Globalization;
using System.Text;

namespace HnlService.Infrastructure.Datasets;

/// <summary>The Parquet type a CSV column is converted to.</summary>
internal enum CsvColumnType
{
    Int64,
    Double,
    Boolean,
    Text,
}

/// <summary>Parses CSV cells (UTF-8 bytes) with the invariant culture. An empty cell is null.</summary>
internal static class CsvValues
{
    public static bool TryParseInt64(ReadOnlySpan<byte> cell, out long value) =>
        long.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out value);

    /// <summary>Accepts .NET's float syntax plus the <c>nan</c>, <c>inf</c> and <c>-inf</c> spellings that numpy and pandas write.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> cell, out double value)
    {
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var trimmed = cell.Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(trimmed, "nan"u8)) value = double.NaN;
        else if (Ascii.EqualsIgnoreCase(trimmed, "inf"u8) || Ascii.EqualsIgnoreCase(trimmed, "+inf"u8)) value = double.PositiveInfinity;
        else if (Ascii.EqualsIgnoreCase(trimmed, "-inf"u8)) value = double.NegativeInfinity;
        else return false;

        return true;
    }

    public static bool TryParseBoolean(ReadOnlySpan<byte> cell, out bool value)
    {
        var trimmed = cell.Trim(" \t"u8);
        value = Ascii.EqualsIgnoreCase(trimmed, "true"u8);
        return value || Ascii.EqualsIgnoreCase(trimmed, "false"u8);
    }

    public static string Text(ReadOnlySpan<byte> cell) => Encoding.UTF8.GetString(cell);

    /// <summary>
    /// Classifies a non-empty cell by its syntax alone, which is several times cheaper than parsing it. Every cell
    /// classified as <see cref="CsvColumnType.Int64"/> or <see cref="CsvColumnType.Double"/> is accepted by
    /// <see cref="TryParseInt64"/> or <see cref="TryParseDouble"/>; integers of 19 or more digits are checked by parsing.
    /// </summary>
    public static CsvColumnType Classify(ReadOnlySpan<byte> cell)
    {
        var trimmed = cell.Trim(" \t"u8);
        var index = trimmed.Length > 0 && (trimmed[0] == (byte)'-' || trimmed[0] == (byte)'+') ? 1 : 0;
        var integerDigits = CountDigits(trimmed, ref index);
        if (index == trimmed.Length && integerDigits > 0)
        {
            return integerDigits < 19 || TryParseInt64(cell, out _) ? CsvColumnType.Int64 : CsvColumnType.Double;
        }

        var fractionDigits = 0;
        if (index < trimmed.Length && trimmed[index] == (byte)'.')
        {
            index++;
            fractionDigits = CountDigits(trimmed, ref index);
        }

        var hasMantissa = integerDigits + fractionDigits > 0;
        if (hasMantissa && index < trimmed.Length && (trimmed[index] | 0x20) == (byte)'e')
        {
            index++;
            if (index < trimmed.Length && (trimmed[index] == (byte)'-' || trimmed[index] == (byte)'+')) index++;
            hasMantissa = CountDigits(trimmed, ref index) > 0;
        }

        if (hasMantissa && index == trimmed.Length)
        {
            return CsvColumnType.Double;
        }

        if (TryParseDouble(cell, out _)) return CsvColumnType.Double;
        return TryParseBoolean(cell, out _) ? CsvColumnType.Boolean : CsvColumnType.Text;
    }

    private static int CountDigits(ReadOnlySpan<byte> text, ref int index)
    {
        var start = index;
        while (index < text.Length && (uint)(text[index] - '0') <= 9) index++;
        return index - start;
    }
}
