using System.ComponentModel.DataAnnotations;

namespace HnlService.Infrastructure.Hosting;

/// <summary>Hangfire server and PostgreSQL storage settings.</summary>
public sealed class HangfireOptions
{
    /// <summary>
    /// Time after which Hangfire.PostgreSql hands a fetched but unfinished job to another worker.
    /// It must exceed the longest analysis; the job's own database lease still stops a second start.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>When true, Hangfire.PostgreSql keeps extending the timeout of a job whose worker is alive.</summary>
    public bool UseSlidingInvisibilityTimeout { get; set; }

    /// <summary>Cluster mode only: also run a Hangfire server inside the Api process.</summary>
    public bool RunServerInApi { get; set; }

    /// <summary>Jobs one server runs at the same time.</summary>
    [Range(1, 256)]
    public int WorkerCount { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Interval at which a server polls PostgreSQL for new jobs.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
