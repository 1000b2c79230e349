using Microsoft.Extensions.Logging;

namespace HnlService.Infrastructure.Jobs;

/// <summary>Log events of <see cref="AnalysisJob"/>: Information per job, Warning on retry, Error on giving up.</summary>
public sealed partial class AnalysisJob
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Analysis {AnalysisId} started, attempt {Attempt}")]
    private partial void LogStarted(Guid analysisId, int attempt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Analysis {AnalysisId} succeeded in {ElapsedMs} ms (loading {LoadingMs} ms, scoring {ScoringMs} ms, binning {BinningMs} ms)")]
    private partial void LogSucceeded(Guid analysisId, long elapsedMs, long loadingMs, long scoringMs, long binningMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Analysis {AnalysisId} cancelled after {ElapsedMs} ms")]
    private partial void LogCancelled(Guid analysisId, long elapsedMs);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Analysis {AnalysisId} failed: {Reason}")]
    private partial void LogFailed(Guid analysisId, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Analysis {AnalysisId} attempt {Attempt} failed; Hangfire will retry it")]
    private partial void LogWillRetry(Exception exception, Guid analysisId, int attempt);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Analysis {AnalysisId} failed on its last attempt {Attempt}")]
    private partial void LogGaveUpWithError(Exception exception, Guid analysisId, int attempt);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Analysis {AnalysisId} marked failed after {Attempt} attempts that did not finish")]
    private partial void LogGaveUp(Guid analysisId, int attempt);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Analysis {AnalysisId} has nothing to run: {Status}")]
    private partial void LogNothingToDo(Guid analysisId, string status);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Analysis {AnalysisId} is held by {LeaseOwner}; this delivery waits and takes over only if that lease expires")]
    private partial void LogWaitingForLease(Guid analysisId, string leaseOwner);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Analysis {AnalysisId} lost its lease; its results were not written by this worker")]
    private partial void LogLeaseLost(Guid analysisId);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Analysis {AnalysisId} was deleted while running; stopped without writing results")]
    private partial void LogDeletedWhileRunning(Guid analysisId);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Analysis {AnalysisId} released for a later run because the server is stopping")]
    private partial void LogReleased(Guid analysisId);
}
