namespace HnlService.Infrastructure.Models;

/// <summary>
/// Rows to score. Columns maps each feature to one value per dataset row; EventNumbers, needed by a
/// model set, is indexed by the same dataset row. Rows selects dataset rows (null means every row), and
/// the scores come back in the order of Rows. MassValue null means each row's own value of the mass
/// feature column; otherwise every row uses that mass and the mass column may be left out.
/// </summary>
public sealed record ScoringRequest(
    IReadOnlyDictionary<string, float[]> Columns,
    long[]? EventNumbers,
    int[]? Rows,
    float? MassValue);
