namespace HnlService.Infrastructure.Datasets;

/// <summary>Reads the projected columns of a stored dataset into an <see cref="EventTable"/>.</summary>
public sealed class EventTableReader
{
    public Task<EventTable> ReadAsync(
        string parquetPath,
        ColumnRoles roles,
        ChannelMapping mapping,
        IReadOnlyCollection<string> featureColumns,
        IReadOnlyCollection<string> discriminantColumns,
        CancellationToken cancellationToken)
    {
        throw new NotImplementedException();
    }
}
