namespace HnlService.Infrastructure.Persistence;

/// <summary>Lifecycle of an analysis; stored as the lower-case name.</summary>
public enum AnalysisStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
