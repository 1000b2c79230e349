namespace HnlService.Infrastructure.Datasets;

/// <summary>Integer channel value to channel name; several values may share one name.</summary>
public sealed record ChannelMapping(IReadOnlyDictionary<long, string> Names)
{
    /// <summary>Name used for every event when a dataset has no channel column.</summary>
    public const string SingleChannelName = "all";

    /// <summary>The notebook's final states: 0..4 = tee, tem, tmm, tte, ttm.</summary>
    public static ChannelMapping Default { get; } = new(new Dictionary<long, string>
    {
        [0] = "tee", [1] = "tem", [2] = "tmm", [3] = "tte", [4] = "ttm",
    });

    /// <summary>Distinct names ordered by the smallest value mapped to each, the order channels are listed in.</summary>
    public IReadOnlyList<string> OrderedNames() =>
        Names.OrderBy(pair => pair.Key).Select(pair => pair.Value).Distinct(StringComparer.Ordinal).ToList();
}
