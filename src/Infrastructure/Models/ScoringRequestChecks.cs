namespace HnlService.Infrastructure.Models;

/// <summary>Checks a scoring request against the model before any batch runs.</summary>
internal static class ScoringRequestChecks
{
    /// <summary>Returns the number of dataset rows, the common length of the column arrays.</summary>
    public static int Check(ScoringRequest request, ModelManifest manifest, IEnumerable<string> features, bool isModelSet)
    {
        ArgumentNullException.ThrowIfNull(request.Columns, nameof(request.Columns));

        var needed = features
            .Where(feature => request.MassValue is null || feature != manifest.MassFeature)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        CheckColumnsPresent(request, needed);

        var datasetRows = DatasetRowCount(request, needed);
        CheckRows(request.Rows, datasetRows);

        if (isModelSet)
        {
            CheckEventNumbers(request.EventNumbers, datasetRows);
        }

        return datasetRows;
    }

    private static void CheckColumnsPresent(ScoringRequest request, List<string> needed)
    {
        var missing = needed.Where(feature => !request.Columns.ContainsKey(feature)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var list = string.Join(", ", missing);
        throw new ModelValidationException("missing-features", $"No column was given for {missing.Count} model feature(s): {list}.", list);
    }

    private static int DatasetRowCount(ScoringRequest request, List<string> needed)
    {
        var lengths = needed.Select(feature => request.Columns[feature].Length).Distinct().ToList();
        if (lengths.Count > 1)
        {
            throw new ArgumentException(
                $"Feature columns differ in length ({string.Join(", ", lengths)}); every column must have one value per dataset row.",
                nameof(request));
        }

        if (lengths.Count == 1)
        {
            return lengths[0];
        }

        // Only the mass feature, set to a constant: the row count comes from the selection or the event numbers.
        return request.Rows is not null ? request.Rows.DefaultIfEmpty(-1).Max() + 1
            : request.EventNumbers?.Length
            ?? throw new ArgumentException("The request gives no column, rows or event numbers to count rows from.", nameof(request));
    }

    private static void CheckRows(int[]? rows, int datasetRows)
    {
        if (rows is null)
        {
            return;
        }

        for (var i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)datasetRows)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(ScoringRequest.Rows), rows[i], $"Rows[{i}] is outside the {datasetRows} dataset rows.");
            }
        }
    }

    private static void CheckEventNumbers(long[]? eventNumbers, int datasetRows)
    {
        if (eventNumbers is null)
        {
            throw new ArgumentException("A model set needs EventNumbers to choose the member for each row.", nameof(ScoringRequest.EventNumbers));
        }

        if (eventNumbers.Length < datasetRows)
        {
            throw new ArgumentException(
                $"EventNumbers has {eventNumbers.Length} values but the columns have {datasetRows} rows.",
                nameof(ScoringRequest.EventNumbers));
        }
    }
}
