namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// The values of one column in one row group, as a contiguous array of the requested <see cref="ColumnKind"/>.
/// Exactly one of the arrays is set. <see cref="Nulls"/> is null when the slice has no null values.
/// </summary>
public sealed class ColumnSlice
{
    public required ColumnKind Kind { get; init; }

    public float[]? Float32 { get; init; }

    public double[]? Float64 { get; init; }

    public long[]? Int64 { get; init; }

    public string?[]? Text { get; init; }

    /// <summary>True where the file stores null; null when no row of the slice is null.</summary>
    public bool[]? Nulls { get; init; }

    public bool IsNull(int index) => Nulls is not null && Nulls[index];
}

/// <summary>The requested columns of one row group; <see cref="Slices"/> follows the order of the request.</summary>
public sealed record RowGroupColumns(int RowGroupIndex, long FirstRow, int RowCount, IReadOnlyList<ColumnSlice> Slices);
