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
/// Spools uploaded ONNX files to temporary files, validates them with their manifest, and only then moves
/// them into the content-addressed file store and stores the model row, so a rejected upload leaves
/// nothing behind.
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
    private const int SpoolBufferBytes = 1 << 16;

    public async Task<ModelEntity> UploadAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        var limit = uploadOptions.Value.MaxModelBytes;
        UploadLimits.Apply(httpContext, limit);
        if (!MultipartForm.IsMultipart(httpContext.Request))
        {
            throw RequestValidationException.For("Content-Type", "multipart-required",
                "Send the model as multipart/form-data with one or more 'files' parts and a 'manifest' field.");
        }

        var spooled = new List<ModelFile>();
        try
        {
            return await SpoolValidateAndStoreAsync(httpContext, limit, spooled, cancellationToken);
        }
        finally
        {
            foreach (var file in spooled)
            {
                FileStore.DeleteIfExists(file.FullPath);
            }
        }
    }

    private async Task<ModelEntity> SpoolValidateAndStoreAsync(HttpContext httpContext, long limit, List<ModelFile> spooled, CancellationToken cancellationToken)
    {
        httpContext.Request.Body = new LimitedReadStream(httpContext.Request.Body, limit + UploadLimits.EnvelopeBytes);
        var fields = await MultipartForm.ReadAsync(
            httpContext.Request,
            async part =>
            {
                if (part.Name is not (FilesPartName or "file"))
                {
                    throw RequestValidationException.For(part.Name, "unexpected-part", $"Unexpected file part '{part.Name}'; ONNX files go in parts named '{FilesPartName}'.");
                }

                if (spooled.Any(file => file.FileName == part.FileName))
                {
                    throw RequestValidationException.For(FilesPartName, "duplicate-file", $"File name '{part.FileName}' was uploaded twice.");
                }

                var path = fileStore.CreateTemporaryPath(".onnx");
                spooled.Add(new ModelFile(part.FileName, path));
                await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, SpoolBufferBytes, useAsync: true);
                await part.Content.CopyToAsync(output, cancellationToken);
            },
            new HashSet<string> { ManifestFieldName },
            cancellationToken);

        NameRules.EnsureValid("name", fields.GetValueOrDefault("name"));
        var manifest = ParseManifest(fields.GetValueOrDefault(ManifestFieldName));
        var validated = validator.Validate(manifest, spooled);

        var stored = new List<(string FileName, StoredFile File)>();
        foreach (var file in spooled)
        {
            stored.Add((file.FileName, await fileStore.AddFileAsync(file.FullPath, ".onnx", cancellationToken)));
        }

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
