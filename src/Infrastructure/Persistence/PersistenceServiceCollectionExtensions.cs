using HnlService.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HnlService.Infrastructure.Persistence;

/// <summary>Registers the database for the resolved mode.</summary>
public static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, ServiceEnvironment environment)
    {
        if (environment.Mode == ServiceMode.Cluster)
        {
            // One data source, hence one connection pool, shared by EF Core, Hangfire and the dashboard.
            services.AddSingleton(_ => NpgsqlDataSource.Create(environment.PostgresConnectionString!));
            services.AddDbContext<HnlDbContext>((provider, options) =>
                options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), npgsql =>
                    npgsql.MigrationsHistoryTable("__ef_migrations_history")));
        }
        else
        {
            var connectionString = $"Data Source={environment.SqlitePath};Pooling=True";
            services.AddDbContext<HnlDbContext, SqliteHnlDbContext>(options =>
                options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history")));
        }

        services.AddScoped<DatabaseMigrator>();
        return services;
    }
}
