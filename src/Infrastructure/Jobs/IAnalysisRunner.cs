using HnlService.Infrastructure.Analyses;

namespace HnlService.Infrastructure.Jobs;

/// <summary>Turns a plan into results; the seam between the job's bookkeeping and the analysis itself.</summary>
public interface IAnalysisRunner
{
    Task<AnalysisOutcome> RunAsync(AnalysisPlan plan, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken);
}
