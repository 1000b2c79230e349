using Microsoft.EntityFrameworkCore;

namespace HnlService.Infrastructure.Persistence;

/// <summary>The standalone SQLite database: the same model with its own migrations and UTC timestamps.</summary>
public sealed class SqliteHnlDbContext(DbContextOptions<SqliteHnlDbContext> options) : HnlDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
