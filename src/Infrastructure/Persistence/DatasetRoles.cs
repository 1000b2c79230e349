using HnlService.Infrastructure.Datasets;

namespace HnlService.Infrastructure.Persistence;

/// <summary>Converts between a stored dataset row and the ingestion types for its roles and channel mapping.</summary>
public static class DatasetRoles
{
    public static ColumnRoles From(DatasetEntity dataset) =>
        new(dataset.WeightColumn, dataset.LabelColumn, dataset.ChannelColumn, dataset.MassColumn, dataset.EventColumn);

    /// <summary>The stored mapping has string keys because JSON object keys are strings.</summary>
    public static ChannelMapping MappingOf(DatasetEntity dataset)
    {
        var names = StoredJson.Deserialize<Dictionary<string, string>>(dataset.ChannelMappingJson);
        return new ChannelMapping(names.ToDictionary(pair => long.Parse(pair.Key, System.Globalization.CultureInfo.InvariantCulture), pair => pair.Value));
    }

    public static string SerializeMapping(ChannelMapping mapping) =>
        StoredJson.Serialize(mapping.Names.ToDictionary(
            pair => pair.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
            pair => pair.Value));
}
