using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HnlService.Api.Tests.Fixtures;

/// <summary>Requests the tests repeat: start an analysis, poll it, upload the synthetic files.</summary>
public static class ApiClientExtensions
{
    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static async Task<Guid> StartAnalysisAsync(this HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/analyses", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"POST /api/analyses returned {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Polls the analysis until its status is final and returns the last body.</summary>
    public static async Task<JsonObject> WaitForFinalAsync(this HttpClient client, Guid analysisId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var analysis = await (await client.GetAsync($"/api/analyses/{analysisId}")).ReadObjectAsync();
            var status = (string)analysis["status"]!;
            if (status is "succeeded" or "failed" or "cancelled")
            {
                return analysis;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Analysis {analysisId} is still {status} after {timeout}: {analysis.ToJsonString()}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<Guid> UploadSyntheticDatasetAsync(this HttpClient client)
    {
        using var content = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(TestFiles.Synthetic("events.csv")));
        content.Add(file, "file", "events.csv");
        var response = await client.PostAsync("/api/datasets", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Dataset upload returned {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Uploads the even/odd model set: the member trained on even events scores odd ones (remainder 1) and
    /// vice versa; features and the mass feature come from models.json.
    /// </summary>
    public static async Task<Guid> UploadSyntheticModelAsync(this HttpClient client)
    {
        var models = JsonNode.Parse(await File.ReadAllTextAsync(TestFiles.Synthetic("models.json")))!;
        var manifest = new JsonObject
        {
            ["features"] = models["features"]!.DeepClone(),
            ["massFeature"] = (string)models["massFeature"]!,
            ["eventColumn"] = "event",
            ["members"] = new JsonArray(
                new JsonObject { ["file"] = "fnn_trained_on_even.onnx", ["foldModulus"] = 2, ["foldRemainder"] = 1 },
                new JsonObject { ["file"] = "fnn_trained_on_odd.onnx", ["foldModulus"] = 2, ["foldRemainder"] = 0 }),
        };

        using var content = new MultipartFormDataContent
        {
            { new StringContent("fnn"), "name" },
            { new StringContent(manifest.ToJsonString()), "manifest" },
        };
        foreach (var file in new[] { "fnn_trained_on_even.onnx", "fnn_trained_on_odd.onnx" })
        {
            content.Add(new StreamContent(File.OpenRead(TestFiles.Synthetic(file))), "files", file);
        }

        var response = await client.PostAsync("/api/models", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Model upload returned {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }
}
