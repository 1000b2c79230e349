namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// Reads the projected columns of a stored dataset into an <see cref="EventTable"/>, row group by row group
/// through <see cref="ParquetColumnSource"/>, so columns that are not requested are never decoded.
/// Role values are validated with the same rules as ingestion.
/// </summary>
public sealed class EventTableReader
{
    /// <param name="roles">Resolved roles: a null optional role means the dataset has no such column.</param>
    public async Task<EventTable> ReadAsync(
        string parquetPath,
        ColumnRoles roles,
        ChannelMapping mapping,
        IReadOnlyCollection<string> featureColumns,
        IReadOnlyCollection<string> discriminantColumns,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(featureColumns);
        ArgumentNullException.ThrowIfNull(discriminantColumns);

        await using var source = await ParquetColumnSource.OpenAsync(parquetPath, cancellationToken);
        var roleColumns = RoleColumns.ForResolved(source, roles);
        var features = featureColumns.Distinct(StringComparer.Ordinal).ToList();
        var discriminants = discriminantColumns.Distinct(StringComparer.Ordinal).ToList();
        var requests = roleColumns.Requests
            .Concat(features.Select(name => new ColumnRequest(name, ColumnKind.Float32)))
            .Concat(discriminants.Select(name => new ColumnRequest(name, ColumnKind.Float64)))
            .ToList();

        var table = new TableBuilder(CheckedRowCount(source), roleColumns, features, discriminants, new ChannelCatalog(mapping));
        await foreach (var group in source.ReadRowGroupsAsync(requests, cancellationToken))
        {
            table.Add(group);
        }

        return table.Build();
    }

    private static int CheckedRowCount(ParquetColumnSource source)
    {
        if (source.Schema.RowCount > Array.MaxLength)
        {
            throw new DatasetValidationException(
                "too-many-rows",
                $"The dataset has {source.Schema.RowCount} rows; an analysis reads at most {Array.MaxLength} rows into memory.");
        }

        return (int)source.Schema.RowCount;
    }

    /// <summary>Full-length arrays filled one row group at a time.</summary>
    private sealed class TableBuilder(
        int rowCount,
        RoleColumns roles,
        IReadOnlyList<string> features,
        IReadOnlyList<string> discriminants,
        ChannelCatalog channels)
    {
        private readonly double[] weights = new double[rowCount];

        private readonly bool[] isSignal = new bool[rowCount];

        private readonly int[] channelIndex = new int[rowCount];

        private readonly double[] masses = new double[rowCount];

        private readonly long[]? eventNumbers = roles.EventSlot is null ? null : new long[rowCount];

        private readonly float[][] featureValues = features.Select(_ => new float[rowCount]).ToArray();

        private readonly double[][] discriminantValues = discriminants.Select(_ => new double[rowCount]).ToArray();

        public void Add(RowGroupColumns group)
        {
            var offset = checked((int)group.FirstRow);
            var rows = new Range(offset, offset + group.RowCount);
            var weightSlice = group.Slices[roles.WeightSlot];

            RoleValueRules.CheckWeights(weightSlice, roles.Roles.Weight, group.FirstRow);
            weightSlice.Float64!.CopyTo(weights.AsSpan(rows));
            RoleValueRules.ReadLabels(group.Slices[roles.LabelSlot], roles.Roles.Label, group.FirstRow, isSignal.AsSpan(rows));
            channels.Assign(roles.ChannelSlot is { } channelSlot ? group.Slices[channelSlot] : null, roles.Roles.Channel, group.FirstRow, channelIndex.AsSpan(rows));
            CopyMasses(group, rows);
            CopyEventNumbers(group, rows);

            var next = roles.Requests.Count;
            foreach (var values in featureValues)
            {
                group.Slices[next++].Float32!.CopyTo(values.AsSpan(rows));
            }

            foreach (var values in discriminantValues)
            {
                group.Slices[next++].Float64!.CopyTo(values.AsSpan(rows));
            }
        }

        public EventTable Build()
        {
            var (names, finalIndex) = channels.Finish(byName: roles.ChannelKind == ColumnKind.Text);
            for (var row = 0; row < channelIndex.Length; row++)
            {
                channelIndex[row] = finalIndex[channelIndex[row]];
            }

            return new EventTable
            {
                RowCount = rowCount,
                Weights = weights,
                IsSignal = isSignal,
                ChannelIndex = channelIndex,
                ChannelNames = names,
                Masses = masses,
                EventNumbers = eventNumbers,
                Features = features.Select((name, index) => (name, index)).ToDictionary(pair => pair.name, pair => featureValues[pair.index], StringComparer.Ordinal),
                Discriminants = discriminants.Select((name, index) => (name, index)).ToDictionary(pair => pair.name, pair => discriminantValues[pair.index], StringComparer.Ordinal),
            };
        }

        private void CopyMasses(RowGroupColumns group, Range rows)
        {
            if (roles.MassSlot is { } massSlot)
            {
                RoleValueRules.ReadSignalMasses(group.Slices[massSlot], roles.Roles.Mass!, group.FirstRow, isSignal.AsSpan(rows), masses.AsSpan(rows));
            }
            else
            {
                masses.AsSpan(rows).Fill(double.NaN);
            }
        }

        private void CopyEventNumbers(RowGroupColumns group, Range rows)
        {
            if (roles.EventSlot is { } eventSlot)
            {
                var slice = group.Slices[eventSlot];
                RoleValueRules.CheckEventNumbers(slice, roles.Roles.Event!, group.FirstRow);
                slice.Int64!.CopyTo(eventNumbers.AsSpan(rows));
            }
        }
    }
}
