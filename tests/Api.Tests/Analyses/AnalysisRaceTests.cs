using System.Net;
using System.Net.Http.Json;
using System.Text;
using HnlService.Api.Tests.Fixtures;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace HnlService.Api.Tests.Analyses;

/// <summary>
/// An analysis request whose dataset is deleted between validation and the insert of the analysis row.
/// A save hook on the real SQLite database deletes the dataset at that moment.
/// </summary>
public sealed class AnalysisRaceTests : IAsyncLifetime
{
    private readonly DeleteDatasetBeforeAnalysisInsert hook = new();
    private readonly ApiFactory factory;

    public AnalysisRaceTests()
    {
        factory = new ApiFactory(
            postgresConnectionString: null,
            services: services => services.ConfigureDbContext<SqliteHnlDbContext>(options => options.AddInterceptors(hook)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Create_Returns422_WhenDatasetDeletedDuringRequest()
    {
        var client = factory.CreateClient();
        using var content = new StringContent("genWeight,signal_label,x\n1,0,0.1\n1,1,0.9\n", Encoding.UTF8, "text/csv");
        var upload = await (await client.PostAsync("/api/datasets?name=race.csv&massColumn=", content)).ReadObjectAsync();
        var datasetId = Guid.Parse((string)upload["id"]!);
        hook.DatasetId = datasetId;

        var response = await client.PostAsJsonAsync("/api/analyses", new { datasetId, discriminants = new[] { new { column = "x" } } });

        var problem = await response.ReadObjectAsync();
        Assert.True(hook.Deleted);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("unknown-dataset", (string?)problem["code"]);
        Assert.Empty(await (await client.GetAsync("/api/analyses")).Content.ReadFromJsonAsync<List<object>>() ?? []);
    }

    /// <summary>Deletes the dataset named by DatasetId just before a new analysis row is saved, once.</summary>
    private sealed class DeleteDatasetBeforeAnalysisInsert : SaveChangesInterceptor
    {
        public Guid? DatasetId { get; set; }

        public bool Deleted { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (DatasetId is { } id && !Deleted && eventData.Context is HnlDbContext context
                && context.ChangeTracker.Entries<AnalysisEntity>().Any(entry => entry.State == EntityState.Added))
            {
                Deleted = true;
                await context.Datasets.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken);
            }

            return result;
        }
    }
}
