using HnlService.Infrastructure.Persistence;

namespace HnlService.Infrastructure.Jobs;

/// <summary>The fields of an analysis row that decide whether a job may claim it.</summary>
public sealed record AnalysisState(AnalysisStatus Status, bool CancelRequested, int Attempt, string? LeaseOwner, DateTime? LeaseExpiresAt)
{
    public bool IsFinal => Status is AnalysisStatus.Succeeded or AnalysisStatus.Failed or AnalysisStatus.Cancelled;

    public bool HasLiveLease(DateTime now) => Status == AnalysisStatus.Running && LeaseExpiresAt > now;
}
