using System.Globalization;
using System.Text;
using HnlService.Api.Tests.Fixtures;

namespace HnlService.Api.Tests.Jobs;

/// <summary>
/// Twenty analyses at once on twenty Hangfire workers, with EF Core, Hangfire and the polling requests
/// sharing one pool capped at 30 connections: every analysis must succeed without a pool time-out.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectionPoolTests(PostgresServer postgres)
{
    [Fact]
    public async Task TwentyAnalyses_AllSucceed_WhenPoolIsSmall()
    {
        await using var factory = new ApiFactory(
            await postgres.CreateDatabaseAsync("pool", maxPoolSize: 30),
            new Dictionary<string, string?>
            {
                ["Hangfire:RunServerInApi"] = "true",
                ["Hangfire:WorkerCount"] = "20",
                ["Hangfire:QueuePollInterval"] = "00:00:00.200",
                ["Jobs:HeartbeatInterval"] = "00:00:00.200",
                ["Jobs:LeaseDuration"] = "00:00:05",
            });
        var client = factory.CreateClient();
        var datasetId = await UploadSmallDatasetAsync(client);

        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await client.StartAnalysisAsync(new { datasetId, discriminants = new[] { new { column = "x" } }, binning = new { maxRelativeUncertainty = 0.2 + (i * 0.01) } }));
        }

        var finished = await Task.WhenAll(ids.Select(id => client.WaitForFinalAsync(id, TimeSpan.FromMinutes(2))));

        Assert.All(finished, analysis => Assert.Equal("succeeded", (string?)analysis["status"]));
        Assert.All(finished, analysis => Assert.Equal(1, (int)analysis["attempt"]!));
    }

    /// <summary>400 events in two channels; signal at masses 100 and 200 peaks at high x.</summary>
    private static async Task<Guid> UploadSmallDatasetAsync(HttpClient client)
    {
        var csv = new StringBuilder("event,channel,signal_label,mass_hyp,x,genWeight\n");
        for (var i = 0; i < 400; i++)
        {
            var signal = i % 4 == 0 ? 1 : 0;
            var mass = 0;
            if (signal == 1)
            {
                mass = i % 8 == 0 ? 100 : 200;
            }

            var x = signal == 1 ? 5 + (i % 37) / 10.0 : (i % 53) / 10.0;
            csv.Append(CultureInfo.InvariantCulture, $"{i},{i % 2},{signal},{mass},{x},{0.5 + (i % 3) * 0.25}\n");
        }

        using var content = new MultipartFormDataContent { { new StringContent(csv.ToString()), "file", "small.csv" } };
        var response = await client.PostAsync("/api/datasets", content);
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return Guid.Parse((string)body["id"]!);
    }
}
