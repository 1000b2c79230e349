using HnlService.Infrastructure.Models;

namespace HnlService.Infrastructure.Analyses;

/// <summary>
/// Settings of an <see cref="AnalysisPipeline"/>. ScoreCacheDirectory is the folder that contains cached
/// scores, normally "scores" under the file store root; null turns the score cache off.
/// </summary>
public sealed record AnalysisPipelineOptions(string? ScoreCacheDirectory, ScoringOptions Scoring)
{
    /// <summary>No score cache and the default scoring batch size and threading.</summary>
    public static AnalysisPipelineOptions Default { get; } = new(null, new ScoringOptions());
}
