using HnlService.Infrastructure.Analyses;
using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Hosting;
using HnlService.Infrastructure.Jobs;
using HnlService.Infrastructure.Models;
using HnlService.Infrastructure.Persistence;
using HnlService.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HnlService.Infrastructure;

/// <summary>Registers storage, ingestion, scoring, persistence and jobs for the mode the configuration selects.</summary>
public static class DependencyInjection
{
    /// <summary>Folder under the file store root that caches model scores per (dataset, model, mass).</summary>
    public const string ScoreCacheFolderName = "scores";

    /// <summary>
    /// Registers everything the Api or a Worker needs. Startup tasks (migration, standalone re-enqueue) are
    /// registered before the Hangfire server, so they finish before any job runs.
    /// </summary>
    /// <exception cref="InvalidOperationException">A Worker is configured without ConnectionStrings:Postgres.</exception>
    public static IServiceCollection AddInfrastructureServices(this IServiceCollection services, IConfiguration configuration, HangfireServerRole role)
    {
        var environment = ServiceEnvironment.FromConfiguration(configuration);
        if (role == HangfireServerRole.Worker && environment.Mode != ServiceMode.Cluster)
        {
            throw new InvalidOperationException(
                $"The Worker needs a PostgreSQL database: set ConnectionStrings:{ConfigurationSections.PostgresConnectionName} " +
                "(for example with the environment variable ConnectionStrings__Postgres). Standalone mode runs jobs inside the Api.");
        }

        AddOptions(services, configuration);
        services.AddSingleton(environment);
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton(new FileStore(environment.FilesDirectory));
        services.AddSingleton(provider => new StoredFileSweeper(
            provider.GetRequiredService<FileStore>(),
            Path.Combine(environment.FilesDirectory, ScoreCacheFolderName),
            provider.GetRequiredService<ILogger<StoredFileSweeper>>()));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ScoringSettings>>().Value.ToScoringOptions());
        services.AddSingleton(provider => new AnalysisPipelineOptions(
            Path.Combine(environment.FilesDirectory, ScoreCacheFolderName),
            provider.GetRequiredService<ScoringOptions>()));
        services.AddSingleton<DatasetIngestor>();
        services.AddSingleton<EventTableReader>();
        services.AddSingleton<ModelValidator>();
        services.AddSingleton(provider => new AnalysisPipeline(
            provider.GetRequiredService<AnalysisPipelineOptions>(),
            provider.GetRequiredService<ILogger<AnalysisPipeline>>()));

        services.AddPersistence(environment);
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<StartupTasks>(provider, role));
        if (role == HangfireServerRole.Api)
        {
            services.AddHostedService<StoredFileSweepService>();
        }

        services.AddAnalysisJobs(environment, RunsHangfireServer(role, environment, configuration));
        return services;
    }

    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(ConfigurationSections.Upload)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(ConfigurationSections.Auth)).ValidateOnStart();
        services.AddOptions<HangfireOptions>()
            .Bind(configuration.GetSection(ConfigurationSections.Hangfire))
            .ValidateDataAnnotations()
            .Validate(options => options.InvisibilityTimeout > TimeSpan.Zero, "Hangfire:InvisibilityTimeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<JobOptions>()
            .Bind(configuration.GetSection(ConfigurationSections.Jobs))
            .ValidateDataAnnotations()
            .Validate(options => options.HeartbeatInterval > TimeSpan.Zero, "Jobs:HeartbeatInterval must be positive.")
            .Validate(options => options.LeaseDuration > options.HeartbeatInterval * 2, "Jobs:LeaseDuration must exceed two heartbeat intervals.")
            .ValidateOnStart();
        services.AddOptions<ScoringSettings>().Bind(configuration.GetSection(ConfigurationSections.Scoring)).ValidateDataAnnotations().ValidateOnStart();
    }

    private static bool RunsHangfireServer(HangfireServerRole role, ServiceEnvironment environment, IConfiguration configuration)
    {
        if (role == HangfireServerRole.Worker || environment.Mode == ServiceMode.Standalone)
        {
            return true;
        }

        return configuration.GetSection(ConfigurationSections.Hangfire).GetValue<bool>(nameof(HangfireOptions.RunServerInApi));
    }
}
