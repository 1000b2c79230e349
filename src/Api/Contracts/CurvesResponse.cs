namespace HnlService.Api.Contracts;

/// <summary>Significance against mass for every discriminant of an analysis.</summary>
public sealed record CurvesResponse(
    Guid AnalysisId,
    IReadOnlyList<double?> Masses,
    IReadOnlyList<string> Channels,
    IReadOnlyList<CurveResponse> Discriminants);

/// <summary>One discriminant's points, ascending in mass.</summary>
public sealed record CurveResponse(string Name, string Kind, double? Area, int? Rank, IReadOnlyList<CurvePointResponse> Points);

/// <summary>
/// One mass (null for a single hypothesis): the channel average and quadrature combination, null when no
/// channel is ok, and each channel's outcome and significance.
/// </summary>
public sealed record CurvePointResponse(
    double? Mass,
    double? Average,
    double? AverageUncertainty,
    double? Combined,
    double? CombinedUncertainty,
    IReadOnlyDictionary<string, ChannelPointResponse> Channels);

/// <summary>Significance of one channel at one mass.</summary>
public sealed record ChannelPointResponse(string Outcome, double? Significance, double? Uncertainty);
