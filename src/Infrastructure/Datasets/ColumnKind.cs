namespace HnlService.Infrastructure.Datasets;

/// <summary>The array type a projected column is delivered as, whatever its type in the file.</summary>
public enum ColumnKind
{
    /// <summary>float[]; nulls become NaN. For model features.</summary>
    Float32,

    /// <summary>double[]; nulls become NaN. For weights, labels, masses and discriminants.</summary>
    Float64,

    /// <summary>long[]; nulls become 0 and are flagged. Floating-point values must be whole numbers.</summary>
    Int64,

    /// <summary>string?[]; only for string columns, nulls stay null.</summary>
    Text,
}

/// <summary>One column to read by projection and the array type to deliver it as.</summary>
public sealed record ColumnRequest(string Name, ColumnKind Kind);
