namespace HnlService.Infrastructure.Datasets;

/// <summary>An upload that cannot be used, naming the column and the first offending row where there is one.</summary>
public sealed class DatasetValidationException(string code, string message, string? column = null, long? row = null)
    : Exception(message)
{
    /// <summary>Stable machine-readable reason, for example "missing-column" or "invalid-weight".</summary>
    public string Code { get; } = code;

    public string? Column { get; } = column;

    /// <summary>Zero-based row index of the first offending row.</summary>
    public long? Row { get; } = row;
}
