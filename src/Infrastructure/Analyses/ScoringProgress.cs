namespace HnlService.Infrastructure.Analyses;

/// <summary>
/// Rows scored so far out of all rows the analysis scores, turned into the pipeline's progress. Rows read
/// from the score cache count as scored, so a cached analysis moves through the stage at once.
/// </summary>
internal sealed class ScoringProgress(long totalRows, IProgress<AnalysisProgress>? progress)
{
    private long completedRows;

    public long TotalRows { get; } = totalRows;

    public long CompletedRows => Interlocked.Read(ref completedRows);

    public void Advance(long rows)
    {
        var completed = Interlocked.Add(ref completedRows, rows);
        Report(completed);
    }

    /// <summary>Reports rows scored inside a running call without adding them, so Advance can add the call's total once it returns.</summary>
    public void ReportWithin(long rowsOfRunningCall)
    {
        Report(CompletedRows + rowsOfRunningCall);
    }

    private void Report(long completed)
    {
        var fraction = TotalRows == 0 ? 1.0 : Math.Min(1.0, (double)completed / TotalRows);
        progress?.Report(new AnalysisProgress(PipelineStages.Scoring, PipelineStages.ScoringStart + (fraction * (PipelineStages.BinningStart - PipelineStages.ScoringStart))));
    }
}
