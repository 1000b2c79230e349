using System.Globalization;
using System.Text.Json;
using HnlService.Api.Errors;
using HnlService.Api.Uploads;
using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Hosting;
using HnlService.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace HnlService.Api.Datasets;

/// <summary>
/// Streams a dataset upload into <see cref="DatasetIngestor"/> and stores the dataset row. In a multipart
/// body the file part is spooled to a temporary file and ingested once every field has arrived, so role
/// fields may come before or after the file.
/// </summary>
public sealed partial class DatasetUploadHandler(
    DatasetIngestor ingestor,
    HnlDbContext context,
    IOptions<UploadOptions> uploadOptions,
    TimeProvider time,
    ILogger<DatasetUploadHandler> logger)
{
    private const string FilePartName = "file";

    private static readonly HashSet<string> RawMediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/octet-stream",
        "application/vnd.apache.parquet",
        "application/x-parquet",
        "text/csv",
        "application/csv",
        "text/plain",
        "application/x-www-form-urlencoded",
    };

    public async Task<DatasetEntity> UploadAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        var limit = uploadOptions.Value.MaxDatasetBytes;
        UploadLimits.Apply(httpContext, limit);
        var request = httpContext.Request;

        if (!MultipartForm.IsMultipart(request))
        {
            var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
            EnsureRawMediaType(mediaType);
            var query = request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
            var rawName = query.GetValueOrDefault("name") ?? DefaultFileName(mediaType);
            var rawDataset = await IngestAsync(new LimitedReadStream(request.Body, limit), rawName, query, cancellationToken);
            return await StoreAsync(rawDataset, rawName, cancellationToken);
        }

        SpooledUpload? spooled = null;
        MultipartFilePart? filePart = null;
        try
        {
            var fields = await MultipartForm.ReadAsync(
                request,
                async part =>
                {
                    if (part.Name != FilePartName || filePart is not null)
                    {
                        throw RequestValidationException.For(part.Name, "unexpected-part", $"Unexpected file part '{part.Name}'; send one part named '{FilePartName}'.");
                    }

                    filePart = part;
                    spooled = await ingestor.SpoolAsync(new LimitedReadStream(part.Content, limit), cancellationToken);
                },
                new HashSet<string>(),
                cancellationToken);

            if (spooled is null || filePart is null)
            {
                throw RequestValidationException.For(FilePartName, "missing-file", $"The multipart body has no file part named '{FilePartName}'.");
            }

            NameRules.EnsureValid("name", fields.GetValueOrDefault("name"));
            var ingested = await ingestor.IngestSpooledAsync(
                spooled, filePart.FileName, ParseRoles(fields), ParseMapping(fields.GetValueOrDefault("channelMapping")), cancellationToken);
            return await StoreAsync(ingested, fields.GetValueOrDefault("name") ?? filePart.FileName, cancellationToken);
        }
        finally
        {
            spooled?.Dispose();
        }
    }

    private async Task<IngestedDataset> IngestAsync(
        Stream content, string fileName, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var roles = ParseRoles(fields);
        var mapping = ParseMapping(fields.GetValueOrDefault("channelMapping"));
        return await ingestor.IngestAsync(content, fileName, roles, mapping, cancellationToken);
    }

    private async Task<DatasetEntity> StoreAsync(IngestedDataset ingested, string name, CancellationToken cancellationToken)
    {
        NameRules.EnsureValid("name", name);

        var dataset = new DatasetEntity
        {
            Id = Guid.NewGuid(),
            Name = string.IsNullOrWhiteSpace(name) ? "dataset" : name,
            Sha256 = ingested.Sha256,
            StoredPath = ingested.StoredPath,
            SizeBytes = ingested.SizeBytes,
            OriginalFormat = ingested.OriginalFormat,
            WeightColumn = ingested.Roles.Weight,
            LabelColumn = ingested.Roles.Label,
            ChannelColumn = ingested.Roles.Channel,
            MassColumn = ingested.Roles.Mass,
            EventColumn = ingested.Roles.Event,
            ChannelMappingJson = DatasetRoles.SerializeMapping(ingested.Mapping),
            SchemaJson = StoredJson.Serialize(ingested.Schema),
            SummaryJson = StoredJson.Serialize(ingested.Summary),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        context.Datasets.Add(dataset);
        await context.SaveChangesAsync(cancellationToken);
        LogStored(dataset.Id, dataset.Sha256, dataset.SizeBytes, ingested.Summary.Rows);
        return dataset;
    }

    /// <summary>
    /// A present, non-empty field names its column explicitly; an empty channel, mass or event field means
    /// the dataset has no such column. An absent channel or event field keeps the default name, dropped if
    /// that column is absent. An absent mass field keeps <c>mass_hyp</c> and requires it: a search dataset
    /// whose mass column is misnamed must not silently become a single-hypothesis dataset, so a dataset
    /// without masses says so with an empty massColumn.
    /// </summary>
    private static ColumnRoleRequest ParseRoles(IReadOnlyDictionary<string, string> fields)
    {
        var defaults = new ColumnRoles();
        string? Optional(string key, string? fallback) =>
            fields.TryGetValue(key, out var value) ? (string.IsNullOrWhiteSpace(value) ? null : value.Trim()) : fallback;
        bool IsExplicit(string key) => fields.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value);

        var roles = new ColumnRoles(
            NonEmpty(fields, "weightColumn") ?? defaults.Weight,
            NonEmpty(fields, "labelColumn") ?? defaults.Label,
            Optional("channelColumn", defaults.Channel),
            Optional("massColumn", defaults.Mass),
            Optional("eventColumn", defaults.Event));
        return new ColumnRoleRequest(roles, IsExplicit("channelColumn"), MassIsExplicit: roles.Mass is not null, IsExplicit("eventColumn"));
    }

    private static string? NonEmpty(IReadOnlyDictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static ChannelMapping? ParseMapping(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        Dictionary<string, string>? names;
        try
        {
            names = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException exception)
        {
            throw RequestValidationException.For("channelMapping", "invalid-channel-mapping",
                $"channelMapping is not a JSON object of strings, such as {{\"0\": \"tee\"}}: {exception.Message}");
        }

        var mapping = new Dictionary<long, string>();
        foreach (var (key, name) in names ?? [])
        {
            if (!long.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || string.IsNullOrWhiteSpace(name))
            {
                throw RequestValidationException.For("channelMapping", "invalid-channel-mapping",
                    $"channelMapping entry '{key}': '{name}' needs an integer key and a non-empty name.");
            }

            mapping[value] = name;
        }

        return mapping.Count == 0 ? null : new ChannelMapping(mapping);
    }

    // A JSON body is a mistake, not a dataset, and reading it as Parquet would only report "not a Parquet
    // file". A missing type and the form type are allowed because curl --data-binary sends those.
    private static void EnsureRawMediaType(string? mediaType)
    {
        if (string.IsNullOrEmpty(mediaType) || RawMediaTypes.Contains(mediaType))
        {
            return;
        }

        throw new UnsupportedMediaTypeException(
            $"A dataset body of type '{mediaType}' cannot be read. Send multipart/form-data with a 'file' part, "
            + $"or the raw file as one of: {string.Join(", ", RawMediaTypes.Order(StringComparer.Ordinal))}.");
    }

    // Without a name, a CSV or Parquet type picks the format. For any other type the content decides:
    // a file starting with PAR1 is Parquet, anything else is read as CSV.
    private static string DefaultFileName(string? mediaType) =>
        mediaType switch
        {
            "text/csv" or "application/csv" or "text/plain" => "upload.csv",
            "application/vnd.apache.parquet" or "application/x-parquet" => "upload.parquet",
            _ => "upload",
        };

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Dataset {DatasetId} stored: {Sha256}, {SizeBytes} bytes, {Rows} rows")]
    private partial void LogStored(Guid datasetId, string sha256, long sizeBytes, long rows);
}
