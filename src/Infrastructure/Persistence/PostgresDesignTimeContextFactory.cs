using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HnlService.Infrastructure.Persistence;

/// <summary>Used by dotnet-ef to generate PostgreSQL migrations; no connection is opened.</summary>
public sealed class PostgresDesignTimeContextFactory : IDesignTimeDbContextFactory<HnlDbContext>
{
    public HnlDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HnlDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=hnlservice_design")
            .Options;
        return new HnlDbContext(options);
    }
}
