using Hangfire;
using Hangfire.Common;
using HnlService.Api.Tests.Fixtures;
using HnlService.Infrastructure.Jobs;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HnlService.Api.Tests.Jobs;

/// <summary>Job bookkeeping on PostgreSQL with Hangfire.PostgreSql, using a stand-in runner in place of the pipeline.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AnalysisJobTests(PostgresServer postgres)
{
    private static Dictionary<string, string?> ServerSettings(string invisibilityTimeout = "02:00:00", int workers = 4) => new()
    {
        ["Hangfire:RunServerInApi"] = "true",
        ["Hangfire:WorkerCount"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hangfire:QueuePollInterval"] = "00:00:00.200",
        ["Hangfire:InvisibilityTimeout"] = invisibilityTimeout,
        ["Jobs:HeartbeatInterval"] = "00:00:00.200",
        ["Jobs:LeaseDuration"] = "00:00:02",
    };

    private async Task<(ApiFactory Factory, FakeAnalysisRunner Runner)> StartAsync(TimeSpan jobDuration, Dictionary<string, string?> settings)
    {
        var runner = new FakeAnalysisRunner(jobDuration);
        var factory = new ApiFactory(
            await postgres.CreateDatabaseAsync("jobs"),
            settings,
            services => services.AddScoped<IAnalysisRunner>(_ => runner));
        return (factory, runner);
    }

    [Fact]
    public async Task Job_RunsBodyOnce_WhenInvisibilityTimeoutRedeliversIt()
    {
        var (factory, runner) = await StartAsync(TimeSpan.FromSeconds(7), ServerSettings(invisibilityTimeout: "00:00:01"));
        await using var _ = factory;
        var client = factory.CreateClient();
        var datasetId = await SeededData.AddDatasetAsync(factory.Services);
        using var secondServer = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = 2,
                ServerName = "second",
                SchedulePollingInterval = TimeSpan.FromSeconds(1),
                Activator = factory.Services.GetRequiredService<JobActivator>(),
            },
            factory.Services.GetRequiredService<JobStorage>(),
            []);

        var id = await client.StartAnalysisAsync(new { datasetId, discriminants = new[] { new { column = "Mt_tot" } } });
        var analysis = await client.WaitForFinalAsync(id, TimeSpan.FromSeconds(60));

        var jobId = await SeededData.QueryAsync(factory.Services, c => c.Analyses.Where(a => a.Id == id).Select(a => a.HangfireJobId).SingleAsync());
        var processingStates = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(jobId).History.Count(h => h.StateName == "Processing");
        Assert.Equal("succeeded", (string?)analysis["status"]);
        Assert.True(processingStates >= 2, $"The job was delivered {processingStates} time(s); the test needs a second delivery to mean anything.");
        Assert.Equal(1, runner.Runs);
        Assert.Equal(1, (int)analysis["attempt"]!);
    }

    [Fact]
    public async Task Enqueue_StoresOnlyAnalysisId_AsJobArgument()
    {
        var (factory, _) = await StartAsync(TimeSpan.Zero, new Dictionary<string, string?>());
        await using var _ = factory;
        var datasetId = await SeededData.AddDatasetAsync(factory.Services);

        var id = await factory.CreateClient().StartAnalysisAsync(new { datasetId, discriminants = new[] { new { column = "Mt_tot" } } });

        var jobId = await SeededData.QueryAsync(factory.Services, c => c.Analyses.Where(a => a.Id == id).Select(a => a.HangfireJobId).SingleAsync());
        Job job = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(jobId).Job;
        Assert.Equal(typeof(AnalysisJob), job.Type);
        Assert.Equal(2, job.Args.Count);
        Assert.Equal(id, Assert.IsType<Guid>(job.Args[0]));
        Assert.Equal(typeof(CancellationToken), job.Method.GetParameters()[1].ParameterType);
    }

    [Fact]
    public async Task Cancel_EndsRunningAnalysisAsCancelled()
    {
        var (factory, runner) = await StartAsync(TimeSpan.FromSeconds(60), ServerSettings());
        await using var _ = factory;
        var client = factory.CreateClient();
        var datasetId = await SeededData.AddDatasetAsync(factory.Services);
        var id = await client.StartAnalysisAsync(new { datasetId, discriminants = new[] { new { column = "Mt_tot" } } });
        await WaitUntilAsync(async () => (string?)(await (await client.GetAsync($"/api/analyses/{id}")).ReadObjectAsync())["status"] == "running");

        var cancel = await client.PostAsync($"/api/analyses/{id}/cancel", null);
        var analysis = await client.WaitForFinalAsync(id, TimeSpan.FromSeconds(20));

        Assert.Equal(System.Net.HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", (string?)analysis["status"]);
        Assert.Contains((string?)analysis["stage"], new[] { "loading", "scoring" });
        Assert.Equal(1, runner.Runs);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await client.GetAsync($"/api/analyses/{id}/curves")).StatusCode);
    }

    [Fact]
    public async Task Job_ReplacesRowsOfEarlierAttempt_WhenRetried()
    {
        var (factory, _) = await StartAsync(TimeSpan.Zero, new Dictionary<string, string?> { ["Hangfire:RunServerInApi"] = "false" });
        await using var _ = factory;
        var datasetId = await SeededData.AddDatasetAsync(factory.Services);
        var id = await factory.CreateClient().StartAnalysisAsync(new { datasetId, discriminants = new[] { new { column = "Mt_tot" } } });
        await SeededData.SaveAsync(factory.Services, context => context.ChannelResults.Add(new ChannelResultEntity
        {
            AnalysisId = id, DiscriminantOrdinal = 0, Channel = "left-over", Mass = 85, MassKey = MassKeys.For(85), Outcome = "ok",
        }));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AnalysisJob>().RunAsync(id, CancellationToken.None);
        }

        var channels = await SeededData.QueryAsync(factory.Services, c => c.ChannelResults.Where(r => r.AnalysisId == id).Select(r => r.Channel).ToListAsync());
        Assert.Equal(4, channels.Count);
        Assert.DoesNotContain("left-over", channels);
    }

    [Fact]
    public async Task TwoAnalyses_RunAtTheSameTime()
    {
        var (factory, runner) = await StartAsync(TimeSpan.FromSeconds(3), ServerSettings(workers: 2));
        await using var _ = factory;
        var client = factory.CreateClient();
        var datasetId = await SeededData.AddDatasetAsync(factory.Services);

        var first = await client.StartAnalysisAsync(new { datasetId, discriminants = new[] { new { column = "Mt_tot" } } });
        var second = await client.StartAnalysisAsync(new { datasetId, discriminants = new[] { new { column = "pt_1" } } });
        var firstDone = await client.WaitForFinalAsync(first, TimeSpan.FromSeconds(30));
        var secondDone = await client.WaitForFinalAsync(second, TimeSpan.FromSeconds(30));

        Assert.Equal("succeeded", (string?)firstDone["status"]);
        Assert.Equal("succeeded", (string?)secondDone["status"]);
        Assert.Equal(2, runner.Runs);
        Assert.True((DateTime)secondDone["startedAt"]! < (DateTime)firstDone["finishedAt"]!, "The second analysis started only after the first finished.");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 30 s.");
            await Task.Delay(100);
        }
    }
}
