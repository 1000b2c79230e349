using System.Text.Json;
using HnlService.Api.Errors;
using HnlService.Api.Uploads;
using HnlService.Infrastructure.Hosting;
using HnlService.Infrastructure.Models;
using HnlService.Infrastructure.Persistence;
using HnlService.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace HnlService.Api.Models;

/// <summary>
/// Stores uploaded ONNX files in the content-addressed file store, validates them with their manifest and
/// stores the model row. Files of a rejected upload stay in the store: they are named by content, so
/// they are harmless and a later upload of the same file reuses them.
/// </summary>
public sealed partial class ModelUploadHandler(
    FileStore fileStore,
    ModelValidator validator,
    HnlDbContext context,
    IOptions<UploadOptions> uploadOptions,
    TimeProvider time,
    ILogger<ModelUploadHandler> logger)
{
    private const string FilesPartName = "files";
    private const string ManifestFieldName = "manifest";

    public async Task<ModelEntity> UploadAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        var limit = uploadOptions.Value.MaxModelBytes;
        UploadLimits.Apply(httpContext, limit);
        if (!MultipartForm.IsMultipart(httpContext.Request))
        {
            throw RequestValidationException.For("Content-Type", "multipart-required",
                "Send the model as multipart/form-data with one or more 'files' parts and a 'manifest' field.");
        }

        var stored = new List<(string FileName, StoredFile File)>();
        httpContext.Request.Body = new LimitedReadStream(httpContext.Request.Body, limit + UploadLimits.EnvelopeBytes);
        var fields = await MultipartForm.ReadAsync(
            httpContext.Request,
            async part =>
            {
                if (part.Name is not (FilesPartName or "file"))
                {
                    throw RequestValidationException.For(part.Name, "unexpected-part", $"Unexpected file part '{part.Name}'; ONNX files go in parts named '{FilesPartName}'.");
                }

                if (stored.Any(s => s.FileName == part.FileName))
                {
                    throw RequestValidationException.For(FilesPartName, "duplicate-file", $"File name '{part.FileName}' was uploaded twice.");
                }

                stored.Add((part.FileName, await fileStore.SaveAsync(part.Content, ".onnx", cancellationToken)));
            },
            new HashSet<string> { ManifestFieldName },
            cancellationToken);

        NameRules.EnsureValid("name", fields.GetValueOrDefault("name"));
        var manifest = ParseManifest(fields.GetValueOrDefault(ManifestFieldName));
        var files = stored.Select(s => new ModelFile(s.FileName, fileStore.GetFullPath(s.File.RelativePath))).ToList();
        var validated = validator.Validate(manifest, files);
        var name = fields.GetValueOrDefault("name");
        return await StoreAsync(validated, stored, string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(stored[0].FileName) : name, cancellationToken);
    }

    private async Task<ModelEntity> StoreAsync(
        ValidatedModel validated, List<(string FileName, StoredFile File)> stored, string name, CancellationToken cancellationToken)
    {
        var model = new ModelEntity
        {
            Id = Guid.NewGuid(),
            Name = name,
            ManifestJson = StoredJson.Serialize(validated.Manifest),
            RequiredColumnsJson = StoredJson.Serialize(validated.RequiredColumns),
            IsParametric = validated.IsParametric,
            IsModelSet = validated.IsModelSet,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        for (var ordinal = 0; ordinal < stored.Count; ordinal++)
        {
            var (fileName, file) = stored[ordinal];
            model.Files.Add(new ModelFileEntity
            {
                ModelId = model.Id,
                Ordinal = ordinal,
                FileName = fileName,
                Sha256 = file.Sha256,
                StoredPath = file.RelativePath,
                SizeBytes = file.SizeBytes,
            });
        }

        context.Models.Add(model);
        await context.SaveChangesAsync(cancellationToken);
        LogStored(model.Id, model.Files.Count, validated.RequiredColumns.Count);
        return model;
    }

    private static ModelManifest? ParseManifest(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        // The strict parser rejects unknown fields, so a misspelt "outputKnd" is reported, not ignored.
        return ModelManifestJson.Parse(json);
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Model {ModelId} stored with {FileCount} files and {RequiredColumnCount} required columns")]
    private partial void LogStored(Guid modelId, int fileCount, int requiredColumnCount);
}
