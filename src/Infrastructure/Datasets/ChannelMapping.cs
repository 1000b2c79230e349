namespace HnlService.Infrastructure.Datasets;

/// <summary>Integer channel value to channel name; several values may share one name.</summary>
public sealed record ChannelMapping(IReadOnlyDictionary<long, string> Names)
{
    /// <summary>The notebook's final states: 0..4 = tee, tem, tmm, tte, ttm.</summary>
    public static ChannelMapping Default { get; } = new(new Dictionary<long, string>
    {
        [0] = "tee", [1] = "tem", [2] = "tmm", [3] = "tte", [4] = "ttm",
    });
}
