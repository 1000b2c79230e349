using System.Diagnostics;
using HnlService.Infrastructure.Storage;
using Microsoft.Extensions.Logging;

namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// Streams an upload to a temporary file, converts CSV to Parquet, validates roles and values, summarises,
/// and only then adds the Parquet file to the content-addressed store, so rejected uploads leave nothing behind.
/// The content address is the SHA-256 of the stored Parquet file: for a Parquet upload the upload's own bytes,
/// for a CSV upload the converted file (the conversion is deterministic, so the same CSV is stored once).
/// </summary>
public sealed class DatasetIngestor(FileStore store, ILogger<DatasetIngestor> logger)
{
    private const string ParquetExtension = ".parquet";

    /// <param name="fileName">Client file name; its extension (.parquet, .csv) picks the format when the content does not.</param>
    /// <param name="roles">Requested roles; defaulted optional roles whose column is absent become null.</param>
    public Task<IngestedDataset> IngestAsync(
        Stream content,
        string fileName,
        ColumnRoles roles,
        ChannelMapping? mapping,
        CancellationToken cancellationToken) =>
        IngestAsync(content, fileName, ColumnRoleRequest.FromRoles(roles), mapping, cancellationToken);

    /// <summary>Ingests with explicit control over which optional roles must exist (see <see cref="ColumnRoleRequest"/>).</summary>
    /// <param name="mapping">Channel value to name; null means <see cref="ChannelMapping.Default"/>. Ignored for string channel columns.</param>
    public async Task<IngestedDataset> IngestAsync(
        Stream content,
        string fileName,
        ColumnRoleRequest roles,
        ChannelMapping? mapping,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(roles);

        using var upload = await SpoolAsync(content, cancellationToken);
        return await IngestSpooledAsync(upload, fileName, roles, mapping, cancellationToken);
    }

    /// <summary>
    /// Copies an upload into a temporary file of the store. A multipart request spools its file part this way,
    /// so that role fields sent after the file still apply. Disposing the result deletes the file.
    /// </summary>
    public async Task<SpooledUpload> SpoolAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);

        var upload = new SpooledUpload(store.CreateTemporaryPath(".upload"));
        try
        {
            upload.SizeBytes = await CopyToFileAsync(content, upload.Path, cancellationToken);
            return upload;
        }
        catch (DatasetValidationException exception)
        {
            upload.Dispose();
            logger.LogInformation("Rejected dataset upload: {Code}", exception.Code);
            throw;
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    /// <summary>Converts, validates, summarises and stores a spooled upload. The spooled file is left to its owner.</summary>
    public async Task<IngestedDataset> IngestSpooledAsync(
        SpooledUpload upload,
        string fileName,
        ColumnRoleRequest roles,
        ChannelMapping? mapping,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(roles);
        mapping ??= ChannelMapping.Default;

        var stopwatch = Stopwatch.StartNew();
        string? convertedPath = null;
        try
        {
            var format = await DetectFormatAsync(upload.Path, fileName, cancellationToken);
            var parquetPath = upload.Path;
            CsvSchema? csvSchema = null;
            if (format == "csv")
            {
                convertedPath = store.CreateTemporaryPath(ParquetExtension);
                csvSchema = await CsvToParquetConverter.ConvertAsync(upload.Path, convertedPath, cancellationToken);
                parquetPath = convertedPath;
            }

            var (resolved, schema, summary) = await InspectInCsvTermsAsync(parquetPath, roles, mapping, csvSchema, cancellationToken);
            var stored = await store.AddFileAsync(parquetPath, ParquetExtension, cancellationToken);

            logger.LogInformation(
                "Ingested dataset {Sha256} from {Format} upload of {UploadBytes} bytes: {Rows} rows, {Columns} columns in {ElapsedMs} ms",
                stored.Sha256, format, upload.SizeBytes, schema.RowCount, schema.Columns.Count, stopwatch.ElapsedMilliseconds);
            return new IngestedDataset(stored.Sha256, stored.RelativePath, stored.SizeBytes, format, resolved, mapping, schema, summary);
        }
        catch (DatasetValidationException exception)
        {
            logger.LogInformation("Rejected dataset upload: {Code} on column {Column} at row {Row}", exception.Code, exception.Column, exception.Row);
            throw;
        }
        finally
        {
            if (convertedPath is not null) FileStore.DeleteIfExists(convertedPath);
        }
    }

    /// <summary>Reads schema and role columns of a Parquet file and validates them; rejects files without rows.</summary>
    internal static async Task<(ColumnRoles Roles, DatasetSchema Schema, DatasetSummary Summary)> InspectAsync(
        string parquetPath,
        ColumnRoleRequest request,
        ChannelMapping mapping,
        CancellationToken cancellationToken)
    {
        await using var source = await ParquetColumnSource.OpenAsync(parquetPath, cancellationToken);
        var roles = RoleColumns.Resolve(source, request);
        if (source.Schema.RowCount == 0)
        {
            throw new DatasetValidationException("no-rows", "The dataset has a schema but no rows; upload a file with at least one event.");
        }

        var summary = await DatasetSummarizer.SummarizeAsync(source, roles, mapping, cancellationToken);
        return (roles.Roles, source.Schema, summary);
    }

    // A CSV column that must be numeric but contains text would otherwise be reported with the Parquet
    // type of the converted file (BYTE_ARRAY), which the uploader never saw. The first text cell is clearer.
    private static async Task<(ColumnRoles Roles, DatasetSchema Schema, DatasetSummary Summary)> InspectInCsvTermsAsync(
        string parquetPath,
        ColumnRoleRequest request,
        ChannelMapping mapping,
        CsvSchema? csvSchema,
        CancellationToken cancellationToken)
    {
        try
        {
            return await InspectAsync(parquetPath, request, mapping, cancellationToken);
        }
        catch (DatasetValidationException exception) when (
            csvSchema is not null
            && exception is { Code: "non-numeric-column", Column: { } column }
            && csvSchema.IndexOf(column) is var index and >= 0
            && csvSchema.Types[index] == CsvColumnType.Text)
        {
            throw csvSchema.FirstTextCells[index] is { } cell
                ? new DatasetValidationException(
                    "non-numeric-column",
                    $"Column '{column}' must be numeric, but CSV data row {cell.Row} (0-based, after the header) has the value '{cell.Text}'.",
                    column,
                    cell.Row)
                : new DatasetValidationException(
                    "non-numeric-column",
                    $"Column '{column}' must be numeric, but it mixes true/false values with numbers.",
                    column);
        }
    }

    private static async Task<long> CopyToFileAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await content.CopyToAsync(output, 1 << 16, cancellationToken);
        if (output.Length == 0)
        {
            throw new DatasetValidationException("empty-file", "The uploaded file is empty (0 bytes).");
        }

        return output.Length;
    }

    /// <summary>Content starting with the PAR1 marker is Parquet; otherwise the extension decides, and unknown extensions are read as CSV.</summary>
    private static async Task<string> DetectFormatAsync(string path, string fileName, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        await using (var stream = File.OpenRead(path))
        {
            await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        if ("PAR1"u8.SequenceEqual(head))
        {
            return "parquet";
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is ".parquet" or ".parq" or ".pq")
        {
            throw new DatasetValidationException("invalid-format", $"'{fileName}' is not a Parquet file: it does not start with the PAR1 marker.");
        }

        return "csv";
    }
}
