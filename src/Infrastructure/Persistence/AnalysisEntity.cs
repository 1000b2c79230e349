namespace HnlService.Infrastructure.Persistence;

/// <summary>
/// One analysis request and its lifecycle. LeaseOwner and LeaseExpiresAt form the claim a running job
/// holds and renews, so a job delivered twice runs its body once.
/// </summary>
public sealed class AnalysisEntity
{
    public Guid Id { get; set; }

    public string? Name { get; set; }

    public Guid DatasetId { get; set; }

    /// <summary>The validated request as JSON (<see cref="AnalysisSpec"/>).</summary>
    public required string SpecJson { get; set; }

    public AnalysisStatus Status { get; set; }

    /// <summary>queued, loading, scoring, binning, saving or done.</summary>
    public required string Stage { get; set; }

    /// <summary>Fraction done, 0..1.</summary>
    public double Progress { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorTitle { get; set; }

    public string? ErrorDetail { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public long? LoadingMs { get; set; }

    public long? ScoringMs { get; set; }

    public long? BinningMs { get; set; }

    public long? SavingMs { get; set; }

    /// <summary>32 random bytes, base64url: the public read-only link.</summary>
    public required string ShareToken { get; set; }

    public bool CancelRequested { get; set; }

    /// <summary>Number of times a job claimed this analysis.</summary>
    public int Attempt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public string? HangfireJobId { get; set; }

    /// <summary>JSON array of the channel names evaluated, in result order; null until results exist.</summary>
    public string? ResultChannelsJson { get; set; }

    /// <summary>JSON array of the masses evaluated (null entry for a single hypothesis); null until results exist.</summary>
    public string? ResultMassesJson { get; set; }

    public List<AnalysisDiscriminantEntity> Discriminants { get; set; } = [];
}
