namespace HnlService.Infrastructure.Datasets;

/// <summary>Event count and weights of one (channel, label) group.</summary>
public sealed record ChannelLabelSummary(string Channel, int Label, long Events, double WeightSum, double NegativeWeightSum);

/// <summary>What an upload contains: groups, channel names, sorted signal masses and numeric columns.</summary>
public sealed record DatasetSummary(
    long Rows,
    IReadOnlyList<ChannelLabelSummary> Groups,
    IReadOnlyList<string> Channels,
    IReadOnlyList<double> SignalMasses,
    IReadOnlyList<string> NumericColumns);
