namespace HnlService.Infrastructure.Persistence;

/// <summary>
/// A validated analysis request as stored with the analysis. Strategy and Formula are the kebab-case
/// names of the API (right-to-left, s-over-sqrt-b, ...); Channels and Masses null mean all.
/// </summary>
public sealed record AnalysisSpec(
    Guid DatasetId,
    string? Name,
    IReadOnlyList<DiscriminantSpec> Discriminants,
    IReadOnlyList<string>? Channels,
    IReadOnlyList<double>? Masses,
    BinningRequest Binning,
    string Formula);

/// <summary>Exactly one of ModelId and Column is set.</summary>
public sealed record DiscriminantSpec(Guid? ModelId, string? Column);

/// <summary>Binning as requested: strategy name, fractional MC uncertainty limit and initial bin count.</summary>
public sealed record BinningRequest(string Strategy, double MaxRelativeUncertainty, int InitialBins = 30);
