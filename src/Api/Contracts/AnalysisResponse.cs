using HnlService.Infrastructure.Persistence;

namespace HnlService.Api.Contracts;

/// <summary>An analysis: its spec, lifecycle, timings, share link and discriminants.</summary>
public sealed record AnalysisResponse(
    Guid Id,
    string? Name,
    Guid DatasetId,
    AnalysisSpec Spec,
    string Status,
    string Stage,
    double? Progress,
    AnalysisErrorResponse? Error,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    AnalysisTimingsResponse? Timings,
    int Attempt,
    string ShareToken,
    string ShareUrl,
    IReadOnlyList<AnalysisDiscriminantResponse> Discriminants)
{
    public static AnalysisResponse From(AnalysisEntity analysis, string shareUrl) => new(
        analysis.Id,
        analysis.Name,
        analysis.DatasetId,
        StoredJson.Deserialize<AnalysisSpec>(analysis.SpecJson),
        analysis.Status.ToString().ToLowerInvariant(),
        analysis.Stage,
        FiniteNumbers.OrNull(analysis.Progress),
        analysis.ErrorTitle is null ? null : new AnalysisErrorResponse(analysis.ErrorCode ?? "error", analysis.ErrorTitle, analysis.ErrorDetail),
        analysis.CreatedAt,
        analysis.StartedAt,
        analysis.FinishedAt,
        analysis.LoadingMs is null ? null : new AnalysisTimingsResponse(analysis.LoadingMs, analysis.ScoringMs, analysis.BinningMs, analysis.SavingMs),
        analysis.Attempt,
        analysis.ShareToken,
        shareUrl,
        analysis.Discriminants.OrderBy(d => d.Ordinal).Select(AnalysisDiscriminantResponse.From).ToList());
}

/// <summary>Why an analysis failed, in problem-details terms.</summary>
public sealed record AnalysisErrorResponse(string Code, string Title, string? Detail);

/// <summary>Wall-clock time per stage, in milliseconds.</summary>
public sealed record AnalysisTimingsResponse(long? LoadingMs, long? ScoringMs, long? BinningMs, long? SavingMs);

/// <summary>A discriminant with its area under the average curve and its rank (1 = largest area) once results exist.</summary>
public sealed record AnalysisDiscriminantResponse(string Name, string Kind, Guid? ModelId, string? Column, double? Area, int? Rank)
{
    public static AnalysisDiscriminantResponse From(AnalysisDiscriminantEntity discriminant) => new(
        discriminant.Name, discriminant.Kind, discriminant.ModelId, discriminant.Column, FiniteNumbers.OrNull(discriminant.Area), discriminant.Rank);
}
