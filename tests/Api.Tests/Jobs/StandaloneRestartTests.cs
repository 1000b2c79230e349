using HnlService.Api.Tests.Fixtures;
using HnlService.Infrastructure.Jobs;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HnlService.Api.Tests.Jobs;

/// <summary>Standalone mode keeps jobs in memory only; a restart must enqueue unfinished analyses again from SQLite.</summary>
public sealed class StandaloneRestartTests
{
    [Fact]
    public async Task Start_EnqueuesUnfinishedAnalyses_AfterRestart()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"hnl-restart-{Guid.NewGuid():N}");
        try
        {
            var slow = new FakeAnalysisRunner(TimeSpan.FromMinutes(5));
            Guid id;
            await using (var first = new ApiFactory(null, services: s => s.AddScoped<IAnalysisRunner>(_ => slow), dataDirectory: dataDirectory))
            {
                var datasetId = await SeededData.AddDatasetAsync(first.Services);
                id = await first.CreateClient().StartAnalysisAsync(new { datasetId, discriminants = new[] { new { column = "Mt_tot" } } });
                await WaitForRunsAsync(slow);
            }

            var fast = new FakeAnalysisRunner(TimeSpan.Zero);
            await using var second = new ApiFactory(null, services: s => s.AddScoped<IAnalysisRunner>(_ => fast), dataDirectory: dataDirectory);
            var analysis = await second.CreateClient().WaitForFinalAsync(id, TimeSpan.FromSeconds(30));

            var rows = await SeededData.QueryAsync(second.Services, c => c.ChannelResults.CountAsync(r => r.AnalysisId == id));
            Assert.Equal("succeeded", (string?)analysis["status"]);
            Assert.Equal(1, fast.Runs);
            Assert.Equal(4, rows);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task WaitForRunsAsync(FakeAnalysisRunner runner)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (runner.Runs == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The first host never started the analysis.");
            await Task.Delay(50);
        }
    }
}
