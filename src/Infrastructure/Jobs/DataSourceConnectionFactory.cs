using Hangfire.PostgreSql;
using Npgsql;

namespace HnlService.Infrastructure.Jobs;

/// <summary>Hands Hangfire connections from the service's one NpgsqlDataSource, so it shares EF Core's pool.</summary>
public sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}
