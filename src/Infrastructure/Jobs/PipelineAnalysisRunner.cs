using HnlService.Infrastructure.Analyses;

namespace HnlService.Infrastructure.Jobs;

/// <summary>Runs the real <see cref="AnalysisPipeline"/>.</summary>
public sealed class PipelineAnalysisRunner(AnalysisPipeline pipeline) : IAnalysisRunner
{
    public Task<AnalysisOutcome> RunAsync(AnalysisPlan plan, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken) =>
        pipeline.RunAsync(plan, progress, cancellationToken);
}
