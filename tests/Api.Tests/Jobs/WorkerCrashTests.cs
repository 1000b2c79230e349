using HnlService.Api.Tests.Fixtures;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HnlService.Api.Tests.Jobs;

/// <summary>A Worker process killed in the middle of an analysis; a second Worker finishes it from a clean slate.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkerCrashTests(PostgresServer postgres)
{
    // Short enough for a quick takeover, long enough that a heartbeat delayed by a busy machine does not
    // let a third attempt take over from the second.
    private static readonly Dictionary<string, string> WorkerSettings = new()
    {
        ["Hangfire:InvisibilityTimeout"] = "00:00:08",
        ["Hangfire:QueuePollInterval"] = "00:00:00.200",
        ["Jobs:HeartbeatInterval"] = "00:00:00.200",
        ["Jobs:LeaseDuration"] = "00:00:05",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    [Fact]
    public async Task Analysis_SucceedsWithOneResultSet_WhenWorkerKilledMidRun()
    {
        var connectionString = await postgres.CreateDatabaseAsync("crash");
        await using var factory = new ApiFactory(connectionString);
        var client = factory.CreateClient();
        var datasetId = await client.UploadSyntheticDatasetAsync();
        var modelId = await client.UploadSyntheticModelAsync();
        var id = await client.StartAnalysisAsync(new { datasetId, discriminants = new object[] { new { modelId }, new { column = "Mt_tot" } } });

        using (var first = new WorkerProcess(connectionString, factory.DataDirectory, WorkerSettings))
        {
            await WaitForStatusAsync(factory, id, AnalysisStatus.Running, TimeSpan.FromSeconds(60));
            first.Kill();
        }

        var afterKill = await SeededData.QueryAsync(factory.Services, c => c.Analyses.AsNoTracking().SingleAsync(a => a.Id == id));
        using var second = new WorkerProcess(connectionString, factory.DataDirectory, WorkerSettings);
        var analysis = await client.WaitForFinalAsync(id, TimeSpan.FromMinutes(2));

        var rows = await SeededData.QueryAsync(factory.Services, c => c.ChannelResults.CountAsync(r => r.AnalysisId == id));
        var summaries = await SeededData.QueryAsync(factory.Services, c => c.MassSummaries.CountAsync(s => s.AnalysisId == id));
        Assert.Equal(AnalysisStatus.Running, afterKill.Status);
        Assert.Equal("succeeded", (string?)analysis["status"]);
        Assert.Equal(2, (int)analysis["attempt"]!);
        Assert.Equal(2 * 5 * 9, rows);
        Assert.Equal(2 * 9, summaries);
    }

    private static async Task WaitForStatusAsync(ApiFactory factory, Guid id, AnalysisStatus status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await SeededData.QueryAsync(factory.Services, c => c.Analyses.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()) != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Analysis {id} did not reach {status} within {timeout}.");
            await Task.Delay(20);
        }
    }
}
