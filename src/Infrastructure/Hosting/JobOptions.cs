using System.ComponentModel.DataAnnotations;

namespace HnlService.Infrastructure.Hosting;

/// <summary>How an analysis job claims its row, reports progress and gives up.</summary>
public sealed class JobOptions
{
    /// <summary>Interval between writes of stage, progress and lease expiry, which also reads the cancel flag.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Lifetime of a job's claim on its analysis; the heartbeat renews it. After a worker dies, another
    /// worker may take the analysis over once this has passed.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Runs of one analysis before it is marked failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;
}
