namespace HnlService.Infrastructure.Models;

/// <summary>
/// Rows to score. Rows null means every row. MassValue null means each row's own value of the
/// mass feature column; otherwise every row sees that mass.
/// </summary>
public sealed record ScoringRequest(
    IReadOnlyDictionary<string, float[]> Columns,
    long[]? EventNumbers,
    int[]? Rows,
    float? MassValue);
