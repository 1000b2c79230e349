using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HnlService.Infrastructure.Persistence;

/// <summary>Used by dotnet-ef to generate SQLite migrations; no file is created.</summary>
public sealed class SqliteDesignTimeContextFactory : IDesignTimeDbContextFactory<SqliteHnlDbContext>
{
    public SqliteHnlDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteHnlDbContext>()
            .UseSqlite("Data Source=hnlservice_design.db")
            .Options;
        return new SqliteHnlDbContext(options);
    }
}
