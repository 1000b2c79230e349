namespace HnlService.Infrastructure.Datasets;

/// <summary>One column as written in the file.</summary>
public sealed record DatasetColumn(
    string Name,
    string PhysicalType,
    string? LogicalType,
    bool IsNullable,
    bool IsNested,
    bool IsNumericFeature);

/// <summary>Shape of a stored Parquet file.</summary>
public sealed record DatasetSchema(long RowCount, int RowGroupCount, IReadOnlyList<DatasetColumn> Columns);
