namespace HnlService.Infrastructure.Datasets;

/// <summary>Streams an upload to the file store, converts CSV to Parquet, validates roles and summarises.</summary>
public sealed class DatasetIngestor
{
    /// <param name="fileName">Client file name; its extension (.parquet, .csv) picks the format when the content does not.</param>
    /// <param name="roles">Requested roles; defaulted optional roles whose column is absent become null.</param>
    public Task<IngestedDataset> IngestAsync(
        Stream content,
        string fileName,
        ColumnRoles roles,
        ChannelMapping? mapping,
        CancellationToken cancellationToken)
    {
        throw new NotImplementedException();
    }
}
