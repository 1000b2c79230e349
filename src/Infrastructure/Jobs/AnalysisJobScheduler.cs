using Hangfire;

namespace HnlService.Infrastructure.Jobs;

/// <summary>Enqueues analysis jobs; the job argument is the analysis id alone.</summary>
public sealed class AnalysisJobScheduler(IBackgroundJobClient client)
{
    /// <summary>Returns the Hangfire job id.</summary>
    public string Enqueue(Guid analysisId) =>
        client.Enqueue<AnalysisJob>(job => job.RunAsync(analysisId, CancellationToken.None));
}
