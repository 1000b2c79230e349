namespace HnlService.Api.Contracts;

/// <summary>Everything about one analysis in one document.</summary>
public sealed record ExportResponse(AnalysisResponse Analysis, CurvesResponse Curves, IReadOnlyList<HistogramResponse> Histograms);
