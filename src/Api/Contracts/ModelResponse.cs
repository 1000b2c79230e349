using System.Text.Json;
using HnlService.Infrastructure.Persistence;

namespace HnlService.Api.Contracts;

/// <summary>A stored model: its resolved manifest, files and the dataset columns it reads.</summary>
public sealed record ModelResponse(
    Guid Id,
    string Name,
    DateTime CreatedAt,
    JsonElement Manifest,
    IReadOnlyList<ModelFileResponse> Files,
    IReadOnlyList<string> RequiredColumns,
    bool IsParametric,
    bool IsModelSet)
{
    public static ModelResponse From(ModelEntity model)
    {
        // The stored manifest was written with named floating-point literals as strings, so it parses as plain JSON.
        using var manifest = JsonDocument.Parse(model.ManifestJson);
        return new ModelResponse(
            model.Id,
            model.Name,
            model.CreatedAt,
            manifest.RootElement.Clone(),
            model.Files.OrderBy(f => f.Ordinal).Select(f => new ModelFileResponse(f.FileName, f.Sha256, f.SizeBytes)).ToList(),
            StoredJson.Deserialize<List<string>>(model.RequiredColumnsJson),
            model.IsParametric,
            model.IsModelSet);
    }
}

/// <summary>One ONNX file of a model.</summary>
public sealed record ModelFileResponse(string FileName, string Sha256, long SizeBytes);
