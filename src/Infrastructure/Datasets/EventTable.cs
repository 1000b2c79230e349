namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// The columns an analysis needs, for every row of a dataset. Mass is NaN where absent;
/// ChannelIndex indexes ChannelNames.
/// </summary>
public sealed class EventTable
{
    public required int RowCount { get; init; }

    public required double[] Weights { get; init; }

    public required bool[] IsSignal { get; init; }

    public required int[] ChannelIndex { get; init; }

    public required IReadOnlyList<string> ChannelNames { get; init; }

    public required double[] Masses { get; init; }

    public long[]? EventNumbers { get; init; }

    /// <summary>Float32 columns read for model features, by column name.</summary>
    public required IReadOnlyDictionary<string, float[]> Features { get; init; }

    /// <summary>Float64 columns read as discriminants, by column name.</summary>
    public required IReadOnlyDictionary<string, double[]> Discriminants { get; init; }
}
