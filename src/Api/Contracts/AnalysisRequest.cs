namespace HnlService.Api.Contracts;

/// <summary>
/// Body of POST /api/analyses. Names stay strings here so that an unknown strategy or formula is
/// answered with 422 naming the field, not with a JSON binding error.
/// </summary>
public sealed record AnalysisRequest(
    Guid? DatasetId,
    string? Name,
    IReadOnlyList<DiscriminantRequest>? Discriminants,
    IReadOnlyList<string>? Channels,
    IReadOnlyList<double>? Masses,
    BinningRequestBody? Binning,
    string? Formula);

/// <summary>Give exactly one of ModelId and Column.</summary>
public sealed record DiscriminantRequest(Guid? ModelId, string? Column);

/// <summary>Binning of the request; omitted values take the defaults right-to-left, 0.3 and 30.</summary>
public sealed record BinningRequestBody(string? Strategy, double? MaxRelativeUncertainty, int? InitialBins);
