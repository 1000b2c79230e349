namespace HnlService.Infrastructure.Jobs;

/// <summary>A problem-details style error stored with a failed analysis.</summary>
public sealed record AnalysisError(string Code, string Title, string Detail);
