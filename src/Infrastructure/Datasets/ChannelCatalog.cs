using System.Globalization;

namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// Turns channel column values into channel indexes while a dataset is scanned, then fixes the final order:
/// mapping order (smallest mapped value first) for integer columns, ordinal alphabetical order for string
/// columns, and the single channel <c>all</c> when there is no channel column.
/// </summary>
internal sealed class ChannelCatalog
{
    private readonly ChannelMapping mapping;

    private readonly Dictionary<long, int> idsByValue = [];

    private readonly Dictionary<string, int> idsByName = new(StringComparer.Ordinal);

    private readonly List<string> names = [];

    public ChannelCatalog(ChannelMapping mapping)
    {
        this.mapping = mapping;
    }

    /// <summary>Number of channel names seen so far; provisional ids are below this.</summary>
    public int Count => names.Count;

    /// <summary>Writes a provisional channel id for every row of the slice; null slice means "no channel column".</summary>
    public void Assign(ColumnSlice? slice, string? column, long firstRow, Span<int> destination)
    {
        if (slice is null)
        {
            destination.Fill(IdOf(ChannelMapping.SingleChannelName));
            return;
        }

        for (var row = 0; row < destination.Length; row++)
        {
            if (slice.IsNull(row))
            {
                throw new DatasetValidationException(
                    "invalid-channel",
                    $"Column '{column}' is null at row {firstRow + row} (0-based); every event needs a channel.",
                    column,
                    firstRow + row);
            }

            destination[row] = slice.Kind == ColumnKind.Text
                ? IdOfText(slice.Text![row]!, column!, firstRow + row)
                : IdOfValue(slice.Int64![row], column!, firstRow + row);
        }
    }

    /// <summary>Returns the channel names in their final order and, per provisional id, its final index.</summary>
    public (IReadOnlyList<string> Names, int[] FinalIndex) Finish(bool byName)
    {
        var ordered = byName
            ? names.Order(StringComparer.Ordinal).ToList()
            : names.OrderBy(MappingPosition).ToList();

        var finalIndex = names.Select(name => ordered.IndexOf(name)).ToArray();
        return (ordered, finalIndex);
    }

    private int MappingPosition(string name)
    {
        var position = mapping.OrderedNames().ToList().IndexOf(name);
        return position < 0 ? int.MaxValue : position;
    }

    private int IdOfValue(long value, string column, long row)
    {
        if (idsByValue.TryGetValue(value, out var id))
        {
            return id;
        }

        if (!mapping.Names.TryGetValue(value, out var name))
        {
            var mapped = string.Join(", ", mapping.Names.Keys.Order().Select(key => key.ToString(CultureInfo.InvariantCulture)));
            throw new DatasetValidationException(
                "unmapped-channel",
                $"Column '{column}' has the value {value} at row {row} (0-based), which the channel mapping does not name. "
                + $"Mapped values: {mapped}. Add the value to the channel mapping.",
                column,
                row);
        }

        id = IdOf(name);
        idsByValue[value] = id;
        return id;
    }

    private int IdOfText(string name, string column, long row)
    {
        if (name.Length == 0)
        {
            throw new DatasetValidationException(
                "invalid-channel",
                $"Column '{column}' has an empty channel name at row {row} (0-based).",
                column,
                row);
        }

        return IdOf(name);
    }

    private int IdOf(string name)
    {
        if (!idsByName.TryGetValue(name, out var id))
        {
            id = names.Count;
            idsByName[name] = id;
            names.Add(name);
        }

        return id;
    }
}
