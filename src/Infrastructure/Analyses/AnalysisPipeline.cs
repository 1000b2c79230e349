namespace HnlService.Infrastructure.Analyses;

/// <summary>Loads the projected columns, scores, bins and computes significance; writes nothing to the database.</summary>
public sealed class AnalysisPipeline
{
    public Task<AnalysisOutcome> RunAsync(
        AnalysisPlan plan,
        IProgress<AnalysisProgress>? progress,
        CancellationToken cancellationToken)
    {
        throw new NotImplementedException();
    }
}
