using Hangfire;
using Hangfire.PostgreSql;
using HnlService.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HnlService.Infrastructure.Jobs;

/// <summary>Registers Hangfire storage for the mode, the analysis job and, where the role asks for one, a server.</summary>
public static class HangfireServiceCollectionExtensions
{
    public const string AnalysisQueue = "default";

    public static IServiceCollection AddAnalysisJobs(this IServiceCollection services, ServiceEnvironment environment, bool runServer)
    {
        services.AddHangfire((provider, configuration) =>
        {
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (environment.Mode == ServiceMode.Cluster)
            {
                UsePostgreSql(configuration, provider);
            }
            else
            {
                configuration.UseInMemoryStorage();
            }
        });

        services.AddScoped<AnalysisLeases>();
        services.AddScoped<AnalysisPlanBuilder>();
        services.AddScoped<AnalysisResultWriter>();
        services.AddScoped<AnalysisJob>();
        services.AddScoped<IAnalysisRunner, PipelineAnalysisRunner>();
        services.AddScoped<AnalysisJobScheduler>();

        if (runServer)
        {
            services.AddHangfireServer((provider, server) =>
            {
                var hangfire = provider.GetRequiredService<IOptions<HangfireOptions>>().Value;
                server.WorkerCount = hangfire.WorkerCount;
                server.Queues = [AnalysisQueue];
                server.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
        }

        return services;
    }

    private static void UsePostgreSql(IGlobalConfiguration configuration, IServiceProvider provider)
    {
        var hangfire = provider.GetRequiredService<IOptions<HangfireOptions>>().Value;
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = hangfire.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = hangfire.UseSlidingInvisibilityTimeout,
            QueuePollInterval = hangfire.QueuePollInterval,
        };
        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();
        configuration.UsePostgreSqlStorage(bootstrapper => bootstrapper.UseConnectionFactory(new DataSourceConnectionFactory(dataSource)), storageOptions);
    }
}
