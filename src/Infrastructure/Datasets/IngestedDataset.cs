namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// A validated dataset in the file store. Roles are resolved: optional roles whose column is
/// absent are null. StoredPath is relative to the file store root.
/// </summary>
public sealed record IngestedDataset(
    string Sha256,
    string StoredPath,
    long SizeBytes,
    string OriginalFormat,
    ColumnRoles Roles,
    ChannelMapping Mapping,
    DatasetSchema Schema,
    DatasetSummary Summary);
